"""The demo's progress reports: last year's issued, this year's a draft compared with it."""

import pytest
from django.urls import reverse

from accounts.models import User
from demo.loading import load_demo
from reports import content
from reports.models import ProgressReport


@pytest.mark.django_db
def test_the_demo_has_an_issued_report_and_a_draft_that_compares_with_it(client):
    assert load_demo().created["Fortschrittsberichte"] == 2
    assert load_demo().total == 0

    issued = ProgressReport.objects.get(status=ProgressReport.Status.ISSUED)
    draft = ProgressReport.objects.get(status=ProgressReport.Status.DRAFT)
    assert issued.snapshot["initiatives"]
    assert content.previous_report(draft) == issued

    client.force_login(User.objects.get(username="stabsstelle"))
    page = client.get(reverse("reports:report_detail", args=[draft.pk])).content.decode()
    assert issued.title in page
