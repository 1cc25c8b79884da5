"""The public edition of an issued progress report is rendered once and kept: by a job when the
report is issued, or by the first visitor's request; every visitor after gets the kept file,
until what the edition shows (the published initiatives) or what renders it changes."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from portal.tests.conftest import SECRET
from portal.tests.factories import PublishedPublicationFactory
from reports import actions as report_actions
from reports import documents as report_documents
from smartkreis import frozen
from smartkreis.testing.documents import read_pdf
from tasks.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How often a progress report's PDF was rendered."""
    counted = []
    render = report_documents.render_pdf

    def counting(context):
        counted.append(context["title"])
        return render(context)

    monkeypatch.setattr(report_documents, "render_pdf", counting)
    return counted


def _issue(staff, committee, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    report = report_actions.create_progress_report(
        acting_user=staff,
        committee=committee,
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        summary="Der zweite Bericht.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_actions.issue_progress_report(acting_user=staff, report=report)
    return report


def _kept_files(report):
    return default_storage.listdir(f"{frozen.FOLDER}/reports/{report.pk}")[1]


def test_issuing_keeps_the_public_edition_which_every_visitor_gets_without_rendering_again(
    client, public_world, renders, django_capture_on_commit_callbacks
):
    report = _issue(
        public_world.staff, public_world.report.committee, django_capture_on_commit_callbacks
    )
    job = Job.objects.get(kind=Job.Kind.PUBLIC_REPORT_PDF, params={"report": report.pk})
    assert job.state == Job.State.DONE
    assert len(renders) == 1

    url = reverse("portal:report_pdf", args=[report.pk])
    first, second = client.get(url), client.get(url)

    assert len(renders) == 1
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"].startswith("inline;")
    content = first.getvalue()
    assert content == second.getvalue()
    pdf = read_pdf(content)
    assert "Öffentliche Fassung" in pdf.text
    assert "Der zweite Bericht." in pdf.text
    assert SECRET not in pdf.text  # e.g. the steering group's internal decision


def test_a_report_asked_for_before_its_job_ran_is_rendered_once(client, public_world, renders):
    url = reverse("portal:report_pdf", args=[public_world.report.pk])  # issued, job not run

    client.get(url)
    client.get(url)

    assert len(renders) == 1
    assert len(_kept_files(public_world.report)) == 1


def test_a_newly_published_initiative_gives_a_new_public_edition(client, public_world, renders):
    url = reverse("portal:report_pdf", args=[public_world.report.pk])
    before = read_pdf(client.get(url).getvalue()).text
    PublishedPublicationFactory(
        goal=None, initiative=public_world.hidden_initiative, draft="Jetzt öffentlich."
    )

    after = read_pdf(client.get(url).getvalue()).text

    assert len(renders) == 2
    assert after != before
    assert len(_kept_files(public_world.report)) == 1  # the older edition is removed


def test_a_report_the_portal_does_not_show_gets_no_job(
    public_world, renders, django_capture_on_commit_callbacks
):
    imported_committee = OrganizationFactory(
        body=public_world.county,
        name="Importierter Ausschuss",
        kind=Organization.Kind.COMMITTEE,
        external_id="https://ris.example/organization/1",
    )

    report = _issue(public_world.staff, imported_committee, django_capture_on_commit_callbacks)

    assert not Job.objects.filter(params={"report": report.pk}).exists()
    assert renders == []
