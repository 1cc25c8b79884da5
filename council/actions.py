"""Every change to a council decision and its implementation.

One function each: keyword-only, with the acting user, atomic, writing its audit entries.
Validation failures raise django.core.exceptions.ValidationError keyed by field (nothing is
saved then); an edit based on an outdated version raises one with code "stale".
Permissions are checked by the views (council.permissions).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from papers.models import Consultation

from .models import CouncilDecision

# Only a resolution that asks for something to be done is followed to implementation.
FOLLOWED_RESULTS = (Consultation.Result.APPROVED, Consultation.Result.APPROVED_AMENDED)
OPEN_STATES = (
    CouncilDecision.State.OPEN,
    CouncilDecision.State.IN_PROGRESS,
    CouncilDecision.State.DELAYED,
)


def _stale_error():
    message = _(
        "Someone else has changed this council decision since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _lock(decision, expected_version=None):
    current = CouncilDecision.objects.select_for_update().get(pk=decision.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale_error()
    return current


def _save_update(*, acting_user, decision, before):
    decision.version += 1
    decision.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=decision, before=before)
    return decision


def _validate_implementation(values, today):
    errors = {}
    state = values["state"]
    if state not in CouncilDecision.State.values:
        errors["state"] = _("Choose a valid implementation state.")
    if state == CouncilDecision.State.DELAYED and not (values.get("delay_reason") or "").strip():
        errors["delay_reason"] = _("Give the reason for the delay.")
    done_on = values.get("done_on")
    if state == CouncilDecision.State.DONE:
        if done_on is None:
            errors["done_on"] = _("Give the date on which it was implemented.")
        elif done_on > today:
            errors["done_on"] = _("The date of implementation cannot be in the future.")
        elif done_on < values["decided_on"]:
            errors["done_on"] = _("It cannot have been implemented before it was decided.")
    deadline = values.get("deadline")
    if deadline is not None and deadline < values["decided_on"]:
        errors["deadline"] = _("The deadline cannot be before the date of the decision.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_council_decision(
    *,
    acting_user,
    consultation,
    text,
    decided_on,
    result,
    owner_unit=None,
    owner_person=None,
    deadline=None,
    today=None,
):
    """The committee's resolution on a paper: the consultation's (and agenda item's) result,
    and the council decision whose implementation is followed from now on."""
    today = today or timezone.localdate()
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("paper", "agenda_item")
        .get(pk=consultation.pk)
    )
    errors = {}
    if CouncilDecision.objects.filter(consultation=consultation).exists():
        errors[NON_FIELD_ERRORS] = _("A council decision has already been recorded for this.")
    if not (text or "").strip():
        errors["text"] = _("Enter the text of the resolution.")
    if decided_on is None:
        errors["decided_on"] = _("Enter the date of the decision.")
    elif decided_on > today:
        errors["decided_on"] = _("The date of the decision cannot be in the future.")
    if result not in FOLLOWED_RESULTS:
        errors["result"] = _(
            "Only an approval (with or without changes) is followed to implementation."
        )
    if deadline is not None and decided_on is not None and deadline < decided_on:
        errors["deadline"] = _("The deadline cannot be before the date of the decision.")
    if errors:
        raise ValidationError(errors)

    before = snapshot(consultation)
    consultation.result = result
    consultation.save()
    record_change(
        actor=acting_user, action=AuditEntry.Action.UPDATE, obj=consultation, before=before
    )
    item = consultation.agenda_item
    if item is not None:
        before = snapshot(item)
        item.result = Consultation.Result(result).label
        item.resolution_text = text.strip()
        item.save()
        record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=item, before=before)
    decision = CouncilDecision.objects.create(
        consultation=consultation,
        text=text.strip(),
        decided_on=decided_on,
        owner_unit=owner_unit,
        owner_person=owner_person,
        deadline=deadline,
        recorded_by=acting_user,
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=decision)
    return decision


@transaction.atomic
def update_implementation(
    *,
    acting_user,
    decision,
    state,
    owner_unit=None,
    owner_person=None,
    deadline=None,
    delay_reason="",
    done_on=None,
    expected_version=None,
    today=None,
):
    """State, owner, deadline, reason for a delay and date of implementation in one step.

    A reason is kept only while the decision is delayed, a date of implementation only once it
    is implemented, so the register never shows a stale one.
    """
    today = today or timezone.localdate()
    current = _lock(decision, expected_version)
    values = {
        "state": state,
        "delay_reason": (delay_reason or "").strip(),
        "done_on": done_on,
        "deadline": deadline,
        "decided_on": current.decided_on,
    }
    _validate_implementation(values, today)
    before = snapshot(current)
    current.state = state
    current.owner_unit = owner_unit
    current.owner_person = owner_person
    current.deadline = deadline
    current.delay_reason = values["delay_reason"] if state == CouncilDecision.State.DELAYED else ""
    current.done_on = done_on if state == CouncilDecision.State.DONE else None
    return _save_update(acting_user=acting_user, decision=current, before=before)


@transaction.atomic
def mark_done(*, acting_user, decision, done_on, expected_version=None, today=None):
    """The "done" mark: implemented on `done_on` (required)."""
    today = today or timezone.localdate()
    current = _lock(decision, expected_version)
    values = {
        "state": CouncilDecision.State.DONE,
        "done_on": done_on,
        "deadline": None,
        "decided_on": current.decided_on,
    }
    _validate_implementation(values, today)
    before = snapshot(current)
    current.state = CouncilDecision.State.DONE
    current.done_on = done_on
    current.delay_reason = ""
    return _save_update(acting_user=acting_user, decision=current, before=before)


def _change_links(*, acting_user, decision, relation, obj, add):
    current = _lock(decision)
    manager = getattr(current, relation)
    linked = manager.filter(pk=obj.pk).exists()
    if add and linked:
        message = _("“%(name)s” is linked already.") % {"name": obj}
        raise ValidationError({NON_FIELD_ERRORS: message})
    if not add and not linked:
        message = _("“%(name)s” is not linked.") % {"name": obj}
        raise ValidationError({NON_FIELD_ERRORS: message})
    before = snapshot(current)
    if add:
        manager.add(obj)
    else:
        manager.remove(obj)
    return _save_update(acting_user=acting_user, decision=current, before=before)


@transaction.atomic
def link_initiative(*, acting_user, decision, initiative):
    return _change_links(
        acting_user=acting_user,
        decision=decision,
        relation="initiatives",
        obj=initiative,
        add=True,
    )


@transaction.atomic
def unlink_initiative(*, acting_user, decision, initiative):
    return _change_links(
        acting_user=acting_user,
        decision=decision,
        relation="initiatives",
        obj=initiative,
        add=False,
    )


@transaction.atomic
def link_action_item(*, acting_user, decision, action_item):
    return _change_links(
        acting_user=acting_user,
        decision=decision,
        relation="action_items",
        obj=action_item,
        add=True,
    )


@transaction.atomic
def unlink_action_item(*, acting_user, decision, action_item):
    return _change_links(
        acting_user=acting_user,
        decision=decision,
        relation="action_items",
        obj=action_item,
        add=False,
    )
