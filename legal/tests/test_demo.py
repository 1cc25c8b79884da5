"""The demo's imprint, privacy notice, accessibility statement and feedback cases load with
the demo, once."""

import pytest

from demo.loading import load_demo
from legal.demo import FEEDBACK_KIND, TEXT_KIND
from legal.models import AccessibilityStatement, Feedback, LegalText

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_the_county_texts_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    first = load_demo()

    assert first.created[TEXT_KIND] == 3
    imprint = LegalText.objects.get(kind=LegalText.Kind.IMPRINT)
    assert "Kaiser-Wilhelm-Platz 1\n53721 Siegburg" in imprint.text
    statement = AccessibilityStatement.objects.get()
    assert statement.compliance == AccessibilityStatement.Compliance.PARTIAL
    assert "ombudsstelle-barrierefreie-it@mags.nrw.de" in statement.enforcement
    assert first.created[FEEDBACK_KIND] == Feedback.objects.count() == 2
    assert set(Feedback.objects.values_list("state", flat=True)) == {"OPEN", "ANSWERED"}

    second = load_demo()

    assert second.created[TEXT_KIND] == second.created[FEEDBACK_KIND] == 0
    assert Feedback.objects.count() == 2
