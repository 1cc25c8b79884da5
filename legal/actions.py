"""Every change of the legal app: one function each, atomic, writing its audit entry.

Refusals: a user without the right raises PermissionDenied (the views check the same rules in
legal.permissions first); bad input raises a ValidationError keyed by field; a save based on
an outdated version raises one with code "stale". Either way nothing is saved, audited or sent.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from notifications import actions as notification_actions
from notifications.mails import in_site_language

from . import mails, permissions
from .deadlines import one_month_after
from .models import AccessibilityStatement, Feedback, LegalText

LEGAL_TEXT_LENGTH = 50_000
FEEDBACK_LENGTHS = {"message": 5000, "page_address": 500, "contact_name": 200, "contact_email": 254}
ANSWER_LENGTH = 10_000
STATEMENT_TEXT_FIELDS = ("known_gaps", "method", "contact", "enforcement")
STATEMENT_FIELDS = (
    "operator",
    "standard",
    "compliance",
    *STATEMENT_TEXT_FIELDS,
    "prepared_on",
    "reviewed_on",
)
# At most this many receipts a day go to one address: the form must not become a way to
# flood someone else's mailbox with mails from the county.
RECEIPTS_PER_ADDRESS_AND_DAY = 3
# Who the audit trail names for a message sent without logging in.
FEEDBACK_FORM_LABEL = "Rückmeldeformular"


def _refuse_unless(allowed):
    if not allowed:
        raise PermissionDenied


def _stale_error():
    message = _(
        "Someone else has changed this since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _check_version(current_version, expected_version):
    if expected_version != current_version:
        raise _stale_error()


def _length_errors(values, limits):
    return {
        name: _("At most %(limit)d characters, please (this is %(length)d).")
        % {"limit": limit, "length": len(values[name])}
        for name, limit in limits.items()
        if len(values.get(name) or "") > limit
    }


def _null_character_errors(values):
    """Text with a NUL character, which no form sends and PostgreSQL cannot store."""
    return {
        name: _("The text contains a character that is not allowed.")
        for name, value in values.items()
        if isinstance(value, str) and "\x00" in value
    }


# Imprint and privacy notice ---------------------------------------------------------------


@transaction.atomic
def update_legal_text(*, acting_user, kind, text, expected_version, today=None):
    """Publish a new revision of the imprint or the privacy notice (its "Stand" becomes
    `today`). `expected_version` is the version the form showed (0 before the first)."""
    _refuse_unless(permissions.can_edit_legal_texts(acting_user))
    if kind not in LegalText.Kind.values:
        raise ValueError(f"Unknown legal text {kind!r}")
    text = text.strip()
    errors = _null_character_errors({"text": text}) or _length_errors(
        {"text": text}, {"text": LEGAL_TEXT_LENGTH}
    )
    if not text:
        errors["text"] = _("Enter the text.")
    if errors:
        raise ValidationError(errors)
    today = today or timezone.localdate()
    current = LegalText.objects.select_for_update().filter(kind=kind).first()
    _check_version(current.version if current else 0, expected_version)
    if current is None:
        legal_text = LegalText.objects.create(kind=kind, text=text, revised_on=today)
        record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=legal_text)
        return legal_text
    if current.text == text:
        return current
    before = snapshot(current)
    current.text, current.revised_on = text, today
    current.version += 1
    current.save(update_fields=["text", "revised_on", "version"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


# Accessibility statement ------------------------------------------------------------------


def _statement_errors(values, today):
    errors = _null_character_errors(values)
    for name in ("operator", "standard", "method", "contact", "enforcement"):
        if not values[name]:
            errors.setdefault(name, _("This part of the statement is required."))
    if values["compliance"] not in AccessibilityStatement.Compliance.values:
        errors["compliance"] = _("Choose the state of compliance.")
    elif (
        values["compliance"] != AccessibilityStatement.Compliance.FULL and not values["known_gaps"]
    ):
        errors["known_gaps"] = _(
            "A statement that is not fully compliant names the content that is not accessible, "
            "why, and what is offered instead."
        )
    prepared, reviewed = values["prepared_on"], values["reviewed_on"]
    if prepared is None:
        errors["prepared_on"] = _("Enter the date.")
    elif prepared > today:
        errors["prepared_on"] = _("The date cannot lie in the future.")
    if reviewed is None:
        errors["reviewed_on"] = _("Enter the date.")
    elif reviewed > today:
        errors["reviewed_on"] = _("The date cannot lie in the future.")
    elif prepared is not None and reviewed < prepared:
        errors["reviewed_on"] = _("The last review cannot lie before the statement was prepared.")
    return errors


@transaction.atomic
def update_accessibility_statement(*, acting_user, expected_version, today=None, **values):
    """Save the accessibility statement (creating it the first time; `expected_version` is 0
    then). `values` are the STATEMENT_FIELDS."""
    _refuse_unless(permissions.can_edit_legal_texts(acting_user))
    if set(values) != set(STATEMENT_FIELDS):
        raise TypeError(f"Statement fields expected: {sorted(STATEMENT_FIELDS)}")
    values = {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }
    lengths = {"operator": 200, "standard": 300}
    errors = _statement_errors(values, today or timezone.localdate()) | _length_errors(
        values, lengths | dict.fromkeys(STATEMENT_TEXT_FIELDS, LEGAL_TEXT_LENGTH)
    )
    if errors:
        raise ValidationError(errors)
    current = AccessibilityStatement.objects.select_for_update().filter(pk=1).first()
    _check_version(current.version if current else 0, expected_version)
    if current is None:
        statement = AccessibilityStatement.objects.create(pk=1, **values)
        record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=statement)
        return statement
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    if snapshot(current) == before:
        return current
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


# Feedback ---------------------------------------------------------------------------------


@dataclass
class Handled:
    """A feedback case after an action, and the mail queued for its sender (or None)."""

    feedback: Feedback
    mail: object = None


def _queue_for_sender(feedback, dedup_key, text):
    if not feedback.contact_email:
        return None
    with in_site_language():
        subject, body = text(feedback)
    return notification_actions.queue_mail(
        dedup_key=dedup_key, recipients=[feedback.contact_email], subject=subject, body=body
    )


@transaction.atomic
def submit_feedback(
    *, acting_user, message, page_address="", contact_name="", contact_email="", received_at=None
):
    """Record a message of the feedback form as a case due one month after receipt, and queue
    the receipt for the sender if they gave an address. Anyone may send one, logged in
    (`acting_user`) or not (None)."""
    values = {
        "message": message.strip(),
        "page_address": page_address.strip(),
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
    }
    errors = _null_character_errors(values) or _length_errors(values, FEEDBACK_LENGTHS)
    if not values["message"]:
        errors["message"] = _("Please describe the barrier or your request.")
    if values["contact_email"] and "contact_email" not in errors:
        try:
            validate_email(values["contact_email"])
        except ValidationError:
            errors["contact_email"] = _("Enter a valid e-mail address, or leave the field empty.")
    if errors:
        raise ValidationError(errors)
    received_at = received_at or timezone.now()
    feedback = Feedback.objects.create(
        received_at=received_at,
        due_date=one_month_after(timezone.localdate(received_at)),
        **values,
    )
    record_change(
        actor=acting_user if acting_user is not None and acting_user.is_authenticated else None,
        action=AuditEntry.Action.CREATE,
        obj=feedback,
        label=FEEDBACK_FORM_LABEL,
    )
    if _receipts_today(feedback) > RECEIPTS_PER_ADDRESS_AND_DAY:
        return Handled(feedback)
    mail = _queue_for_sender(feedback, f"feedback-receipt:{feedback.pk}", mails.receipt_text)
    return Handled(feedback, mail)


def _receipts_today(feedback):
    """How many messages from the feedback's address arrived in the day up to it, itself
    included."""
    if not feedback.contact_email:
        return 0
    return Feedback.objects.filter(
        contact_email__iexact=feedback.contact_email,
        received_at__gt=feedback.received_at - datetime.timedelta(days=1),
        received_at__lte=feedback.received_at,
    ).count()


def _lock_feedback(feedback, expected_version):
    current = Feedback.objects.select_for_update().get(pk=feedback.pk)
    _check_version(current.version, expected_version)
    return current


def _save_handled(current, acting_user, before, fields):
    current.handled_by = acting_user
    current.version += 1
    current.save(update_fields=[*fields, "handled_by", "version"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)


@transaction.atomic
def answer_feedback(*, acting_user, feedback, answer, expected_version, today=None):
    """Record the answer to an open case (answered `today`); the sender gets it by mail if
    they gave an address."""
    _refuse_unless(permissions.can_handle_feedback(acting_user))
    answer = answer.strip()
    errors = _null_character_errors({"answer": answer}) or _length_errors(
        {"answer": answer}, {"answer": ANSWER_LENGTH}
    )
    if not answer:
        errors["answer"] = _("Enter the answer.")
    if errors:
        raise ValidationError(errors)
    current = _lock_feedback(feedback, expected_version)
    if current.state != Feedback.State.OPEN:
        raise ValidationError(_("This feedback has been answered or closed already."))
    before = snapshot(current)
    current.state = Feedback.State.ANSWERED
    current.answer, current.answered_on = answer, today or timezone.localdate()
    _save_handled(current, acting_user, before, ["state", "answer", "answered_on"])
    mail = _queue_for_sender(current, f"feedback-answer:{current.pk}", mails.answer_text)
    return Handled(current, mail)


@transaction.atomic
def close_feedback(*, acting_user, feedback, note, expected_version, today=None):
    """Close a case: an answered one when nothing is left to do, an open one only with a note
    saying why it needs no answer (e.g. no barrier is described and no address given)."""
    _refuse_unless(permissions.can_handle_feedback(acting_user))
    note = note.strip()
    errors = _null_character_errors({"close_note": note}) or _length_errors(
        {"close_note": note}, {"close_note": ANSWER_LENGTH}
    )
    if errors:
        raise ValidationError(errors)
    current = _lock_feedback(feedback, expected_version)
    if current.state == Feedback.State.CLOSED:
        raise ValidationError(_("This feedback has been closed already."))
    if current.state == Feedback.State.OPEN and not note:
        raise ValidationError(
            {"close_note": _("Say why this feedback is closed without an answer.")}
        )
    before = snapshot(current)
    current.state = Feedback.State.CLOSED
    current.close_note, current.closed_on = note, today or timezone.localdate()
    _save_handled(current, acting_user, before, ["state", "close_note", "closed_on"])
    return Handled(current)
