"""Users of every role for the tests of the legal app; the real SMTP server fixture comes
from the notifications tests."""

from types import SimpleNamespace

import pytest

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from legal.models import AccessibilityStatement, Feedback, LegalText
from notifications.models import OutgoingMail
from notifications.tests.conftest import closed_smtp_port, smtp_server  # noqa: F401


@pytest.fixture
def users(db):
    return SimpleNamespace(
        admin=AdministratorFactory(username="verwaltung"),
        staff=StaffUnitUserFactory(username="stabsstelle", email="stabsstelle@example.org"),
        reader=UserFactory(username="leser"),
        unit_editor=UnitEditorFactory(username="amt12"),
        municipality_editor=MunicipalityEditorFactory(username="siegburg"),
    )


def legal_state():
    """Everything the legal app's actions may change, to compare around a refusal."""
    return {
        "texts": list(LegalText.objects.order_by("pk").values()),
        "statements": list(AccessibilityStatement.objects.values()),
        "feedback": list(Feedback.objects.order_by("pk").values()),
        "mails": list(OutgoingMail.objects.order_by("pk").values_list("dedup_key", flat=True)),
        "audit": AuditEntry.objects.count(),
    }
