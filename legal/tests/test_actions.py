"""The actions of the legal app: what they change and audit, and that every refusal leaves
everything as it was."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from legal import actions
from legal.models import AccessibilityStatement, Feedback
from notifications.models import OutgoingMail

from .conftest import legal_state
from .factories import AccessibilityStatementFactory, FeedbackFactory, LegalTextFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)
STATEMENT = {
    "operator": "Der Rhein-Sieg-Kreis",
    "standard": "der BITV 2.0",
    "compliance": "PARTIAL",
    "known_gaps": "Manche Dateien sind nicht barrierefrei.",
    "method": "Selbstbewertung mit axe-core.",
    "prepared_on": datetime.date(2026, 11, 16),
    "reviewed_on": datetime.date(2026, 11, 30),
    "contact": "Stabsstelle Digitalisierung",
    "enforcement": "Ombudsstelle für barrierefreie Informationstechnik des Landes NRW",
}


def _refused(error_type, call, **kwargs):
    before = legal_state()
    with pytest.raises(error_type) as raised:
        call(**kwargs)
    assert legal_state() == before
    return raised.value


# Imprint and privacy notice ----------------------------------------------------------------


def test_an_administrator_publishes_and_revises_the_imprint(users):
    created = actions.update_legal_text(
        acting_user=users.admin,
        kind="IMPRINT",
        text="  Rhein-Sieg-Kreis  ",
        expected_version=0,
        today=datetime.date(2026, 11, 1),
    )
    assert (created.text, created.revised_on, created.version) == (
        "Rhein-Sieg-Kreis",
        datetime.date(2026, 11, 1),
        1,
    )

    revised = actions.update_legal_text(
        acting_user=users.admin,
        kind="IMPRINT",
        text="Rhein-Sieg-Kreis\nDer Landrat",
        expected_version=1,
        today=TODAY,
    )

    assert (revised.revised_on, revised.version) == (TODAY, 2)
    entries = AuditEntry.objects.filter(subject_id=str(created.pk)).order_by("pk")
    assert [entry.action for entry in entries] == ["CREATE", "UPDATE"]
    assert entries[1].changes["text"] == ["Rhein-Sieg-Kreis", "Rhein-Sieg-Kreis\nDer Landrat"]


def test_saving_the_same_text_again_writes_nothing(users):
    legal_text = LegalTextFactory(kind="PRIVACY", text="Datenschutz")
    before = legal_state()

    actions.update_legal_text(
        acting_user=users.admin, kind="PRIVACY", text="Datenschutz", expected_version=1
    )

    assert legal_state() == before
    legal_text.refresh_from_db()
    assert legal_text.version == 1


@pytest.mark.parametrize("role", ["staff", "reader", "unit_editor", "municipality_editor"])
def test_only_administrators_edit_the_legal_texts(users, role):
    LegalTextFactory()
    _refused(
        PermissionDenied,
        actions.update_legal_text,
        acting_user=getattr(users, role),
        kind="IMPRINT",
        text="Anders",
        expected_version=1,
    )
    _refused(
        PermissionDenied,
        actions.update_accessibility_statement,
        acting_user=getattr(users, role),
        expected_version=0,
        **STATEMENT,
    )


@pytest.mark.parametrize(
    ("text", "expected_version", "message"),
    [
        ("   ", 1, "Geben Sie den Text ein."),
        ("x" * 50_001, 1, "Höchstens 50000 Zeichen"),
        ("Mit\x00Nullzeichen", 1, "nicht erlaubt"),
        ("Veraltet", 0, "Jemand anderes hat"),
    ],
)
def test_bad_legal_texts_are_refused(users, text, expected_version, message):
    LegalTextFactory()
    error = _refused(
        ValidationError,
        actions.update_legal_text,
        acting_user=users.admin,
        kind="IMPRINT",
        text=text,
        expected_version=expected_version,
    )
    assert message in " ".join(error.messages)


# Accessibility statement ------------------------------------------------------------------


def test_an_administrator_publishes_and_revises_the_statement(users):
    statement = actions.update_accessibility_statement(
        acting_user=users.admin, expected_version=0, today=TODAY, **STATEMENT
    )
    assert (statement.pk, statement.version, statement.compliance) == (1, 1, "PARTIAL")

    revised = actions.update_accessibility_statement(
        acting_user=users.admin,
        expected_version=1,
        today=TODAY,
        **STATEMENT | {"compliance": "FULL", "known_gaps": "", "reviewed_on": TODAY},
    )

    assert (revised.version, revised.compliance, revised.reviewed_on) == (2, "FULL", TODAY)
    assert AccessibilityStatement.objects.count() == 1
    update = AuditEntry.objects.filter(action="UPDATE").get()
    assert update.changes["compliance"] == ["PARTIAL", "FULL"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"known_gaps": ""}, "known_gaps", "nicht barrierefrei sind"),
        ({"compliance": "MOSTLY"}, "compliance", "Wählen Sie"),
        ({"contact": " "}, "contact", "erforderlich"),
        ({"enforcement": ""}, "enforcement", "erforderlich"),
        ({"reviewed_on": datetime.date(2026, 11, 1)}, "reviewed_on", "vor der Erstellung"),
        ({"reviewed_on": datetime.date(2026, 12, 4)}, "reviewed_on", "Zukunft"),
        ({"prepared_on": None}, "prepared_on", "Datum"),
        ({"operator": "x" * 201}, "operator", "Höchstens 200 Zeichen"),
    ],
)
def test_incomplete_statements_are_refused(users, changes, field, message):
    AccessibilityStatementFactory()
    error = _refused(
        ValidationError,
        actions.update_accessibility_statement,
        acting_user=users.admin,
        expected_version=1,
        today=TODAY,
        **STATEMENT | changes,
    )
    assert message in " ".join(error.message_dict[field])


def test_a_stale_statement_is_refused(users):
    AccessibilityStatementFactory(version=3)
    error = _refused(
        ValidationError,
        actions.update_accessibility_statement,
        acting_user=users.admin,
        expected_version=2,
        today=TODAY,
        **STATEMENT,
    )
    assert error.error_dict["__all__"][0].code == "stale"


# Feedback ---------------------------------------------------------------------------------


def test_feedback_is_due_one_month_after_receipt_and_audited(db):
    received = timezone.make_aware(datetime.datetime(2026, 1, 31, 23, 30))

    handled = actions.submit_feedback(
        acting_user=None, message="  Kontrast zu schwach  ", received_at=received
    )

    feedback = handled.feedback
    assert (feedback.message, feedback.due_date, feedback.state) == (
        "Kontrast zu schwach",
        datetime.date(2026, 2, 28),
        "OPEN",
    )
    assert feedback.reference == f"BF-2026-{feedback.pk:05d}"
    assert handled.mail is None
    assert not OutgoingMail.objects.exists()
    entry = AuditEntry.objects.get(subject_id=str(feedback.pk))
    assert (entry.action, entry.actor_name) == ("CREATE", "Rückmeldeformular")


def test_a_sender_with_an_address_gets_a_receipt(db):
    handled = actions.submit_feedback(
        acting_user=None,
        message="Die Karte ist ohne Maus nicht bedienbar.",
        contact_name="Erika Mustermann",
        contact_email="erika@example.org",
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 15, 10, 0)),
    )

    mail = handled.mail
    assert mail.recipients == ["erika@example.org"]
    assert mail.subject == f"Ihre Rückmeldung zur Barrierefreiheit ({handled.feedback.reference})"
    assert "Guten Tag Erika Mustermann," in mail.body
    assert "spätestens bis zum 15.04.2026" in mail.body
    # The receipt repeats nothing the sender wrote: the form must not send others' texts.
    assert "Karte" not in mail.body


def test_one_address_gets_at_most_three_receipts_a_day(db):
    start = timezone.make_aware(datetime.datetime(2026, 3, 15, 10, 0))
    handled = [
        actions.submit_feedback(
            acting_user=None,
            message=f"Nachricht {number}",
            contact_email="Opfer@example.org" if number % 2 else "opfer@example.org",
            received_at=start + datetime.timedelta(hours=number),
        )
        for number in range(5)
    ]
    next_day = actions.submit_feedback(
        acting_user=None,
        message="Am nächsten Tag",
        contact_email="opfer@example.org",
        received_at=start + datetime.timedelta(days=1, hours=4),
    )

    assert [result.mail is not None for result in handled] == [True, True, True, False, False]
    assert Feedback.objects.count() == 6
    assert next_day.mail is not None


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"message": "  "}, "message", "Bitte beschreiben Sie"),
        ({"message": "x" * 5001}, "message", "Höchstens 5000 Zeichen"),
        ({"page_address": "x" * 501}, "page_address", "Höchstens 500 Zeichen"),
        ({"contact_email": "keine-adresse"}, "contact_email", "gültige E-Mail-Adresse"),
        ({"contact_name": "Nul\x00l"}, "contact_name", "nicht erlaubt"),
    ],
)
def test_bad_feedback_is_refused(db, values, field, message):
    error = _refused(
        ValidationError,
        actions.submit_feedback,
        acting_user=None,
        **{"message": "Eine Barriere"} | values,
    )
    assert message in " ".join(error.message_dict[field])


def test_the_staff_unit_answers_and_the_sender_gets_the_answer(users):
    case = FeedbackFactory(contact_email="erika@example.org", contact_name="Erika Mustermann")

    handled = actions.answer_feedback(
        acting_user=users.staff,
        feedback=case,
        answer="Wir haben den Kontrast verbessert.",
        expected_version=1,
        today=TODAY,
    )

    case.refresh_from_db()
    assert (case.state, case.answered_on, case.handled_by, case.version) == (
        "ANSWERED",
        TODAY,
        users.staff,
        2,
    )
    assert handled.mail.recipients == ["erika@example.org"]
    assert "Wir haben den Kontrast verbessert." in handled.mail.body
    entry = AuditEntry.objects.get(subject_id=str(case.pk), action="UPDATE")
    assert entry.changes["state"] == ["OPEN", "ANSWERED"]


def test_an_anonymous_case_is_answered_without_a_mail(users):
    case = FeedbackFactory()
    handled = actions.answer_feedback(
        acting_user=users.staff,
        feedback=case,
        answer="Telefonisch beantwortet.",
        expected_version=1,
    )
    assert handled.mail is None
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize("role", ["reader", "unit_editor", "municipality_editor"])
def test_only_the_staff_unit_handles_feedback(users, role):
    case = FeedbackFactory()
    for call, kwargs in (
        (actions.answer_feedback, {"answer": "Antwort"}),
        (actions.close_feedback, {"note": "Kein Anliegen"}),
    ):
        _refused(
            PermissionDenied,
            call,
            acting_user=getattr(users, role),
            feedback=case,
            expected_version=1,
            **kwargs,
        )


def test_an_administrator_handles_feedback_too(users):
    case = FeedbackFactory()
    actions.close_feedback(
        acting_user=users.admin, feedback=case, note="Werbung, kein Anliegen.", expected_version=1
    )
    case.refresh_from_db()
    assert case.state == "CLOSED"


def test_answers_and_closing_are_refused_where_they_do_not_fit(users):
    answered = FeedbackFactory(
        state=Feedback.State.ANSWERED, answer="Erledigt", answered_on=TODAY, version=2
    )
    open_case = FeedbackFactory()
    closed = FeedbackFactory(state=Feedback.State.CLOSED, closed_on=TODAY, version=2)

    refusals = [
        _refused(
            ValidationError,
            actions.answer_feedback,
            acting_user=users.staff,
            feedback=answered,
            answer="Noch einmal",
            expected_version=2,
        ),
        _refused(
            ValidationError,
            actions.answer_feedback,
            acting_user=users.staff,
            feedback=open_case,
            answer=" ",
            expected_version=1,
        ),
        _refused(
            ValidationError,
            actions.answer_feedback,
            acting_user=users.staff,
            feedback=open_case,
            answer="Antwort",
            expected_version=0,
        ),
        _refused(
            ValidationError,
            actions.close_feedback,
            acting_user=users.staff,
            feedback=open_case,
            note="",
            expected_version=1,
        ),
        _refused(
            ValidationError,
            actions.close_feedback,
            acting_user=users.staff,
            feedback=closed,
            note="Nochmals",
            expected_version=2,
        ),
    ]

    assert [" ".join(error.messages) for error in refusals] == [
        "Diese Rückmeldung ist bereits beantwortet oder geschlossen.",
        "Geben Sie die Antwort ein.",
        "Jemand anderes hat dies geändert, seit Sie das Formular geöffnet haben. Laden Sie die "
        "Seite neu, um den aktuellen Stand zu sehen, und nehmen Sie Ihre Änderung dann erneut "
        "vor.",
        "Begründen Sie, warum diese Rückmeldung ohne Antwort geschlossen wird.",
        "Diese Rückmeldung ist bereits geschlossen.",
    ]


def test_an_answered_case_is_closed_without_a_note(users):
    case = FeedbackFactory(
        state=Feedback.State.ANSWERED, answer="Erledigt", answered_on=TODAY, version=2
    )
    actions.close_feedback(
        acting_user=users.staff, feedback=case, note="", expected_version=2, today=TODAY
    )
    case.refresh_from_db()
    assert (case.state, case.closed_on, case.answer) == ("CLOSED", TODAY, "Erledigt")
