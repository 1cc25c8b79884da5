"""The demo's imprint, privacy notice, accessibility statement and feedback cases, from
demo/data/legal.toml.

Run after demo.loading's own steps (the demo logins exist). Everything goes through
legal.actions: the texts with the demo administrator as the author, the answers with the demo
staff unit user. Idempotent: a text or the statement that exists is never changed, a feedback
case is looked up by its message.
"""

import datetime

from django.utils import timezone

from accounts.models import User

from . import actions
from .models import AccessibilityStatement, Feedback, LegalText

TEXT_KIND = "Rechtstexte"
FEEDBACK_KIND = "Rückmeldungen zur Barrierefreiheit"
# A demo message arrives in the morning of its day.
RECEIVED_AT = datetime.time(9, 30)


def _days_before(loader, days):
    return loader.today - datetime.timedelta(days=days)


def load_demo_legal(loader):
    """Create whatever of the demo's legal texts and feedback cases is missing."""
    data = loader.data
    admin = User.objects.get(username="admin")
    for kind, spec in (
        (LegalText.Kind.IMPRINT, data.imprint),
        (LegalText.Kind.PRIVACY, data.privacy),
    ):
        if not LegalText.objects.filter(kind=kind).exists():
            actions.update_legal_text(
                acting_user=admin,
                kind=kind,
                text=spec["text"],
                expected_version=0,
                today=spec["revised_on"],
            )
            loader.result.created[TEXT_KIND] += 1
    if not AccessibilityStatement.objects.exists():
        actions.update_accessibility_statement(
            acting_user=admin, expected_version=0, **data.accessibility_statement
        )
        loader.result.created[TEXT_KIND] += 1
    staff = User.objects.get(username="stabsstelle")
    for spec in data.feedback:
        if Feedback.objects.filter(message=spec["message"]).exists():
            continue
        received = datetime.datetime.combine(
            _days_before(loader, spec["received_days_ago"]), RECEIVED_AT
        )
        handled = actions.submit_feedback(
            acting_user=None,
            message=spec["message"],
            page_address=spec["page_address"],
            received_at=timezone.make_aware(received),
        )
        if "answer" in spec:
            actions.answer_feedback(
                acting_user=staff,
                feedback=handled.feedback,
                answer=spec["answer"],
                expected_version=handled.feedback.version,
                today=_days_before(loader, spec["answered_days_ago"]),
            )
        loader.result.created[FEEDBACK_KIND] += 1
