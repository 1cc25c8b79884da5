"""Every change to the topic submissions: one function each, atomic, writing its audit entries.

Refusals: a user without the right raises PermissionDenied (views check the same rules in
topics.permissions first, and answer 403); bad input raises ValidationError with messages keyed
by field, so a form shows each at its field. Either way nothing is saved and nothing audited.
An edit based on an outdated version raises a ValidationError with code "stale".
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot

from . import permissions, rules
from .models import PriorityCriterion, Statement, Topic, TopicScore

TOPIC_FIELDS = (
    "title",
    "problem",
    "proposal",
    "expected_benefit",
    "rough_cost",
    "deadline",
    "legal_obligation",
    "touches_personal_data",
    "touches_it_security",
    "touches_working_conditions",
    "touches_equality",
    "touches_accessibility",
)
TOPIC_M2M_FIELDS = ("fields", "affected_bodies", "affected_units")
# Only the staff unit's edit changes these.
TOPIC_PREPARATION_FIELDS = ("preparation_note", "submitting_unit")
STATEMENT_FIELDS = ("result", "text", "given_on")
MAX_WEIGHT = 10


def _stale_error():
    message = _(
        "Someone else has changed this topic since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _lock_topic(topic, expected_version=None):
    current = Topic.objects.select_for_update().get(pk=topic.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale_error()
    return current


def _refuse_unless(allowed):
    if not allowed:
        raise PermissionDenied


def _refuse_if_closed(topic):
    if topic.status not in rules.OPEN_STATUSES:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The topic has been decided or withdrawn; it can no longer be changed."
                )
            }
        )


def _status_label(status):
    return dict(Topic.Status.choices).get(status, status)


def _check_unknown(values, allowed, what):
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


# Topics -------------------------------------------------------------------------------------


def _validate_topic(values, *, today, current=None):
    errors = {}
    required = {
        "title": _("Enter a title."),
        "problem": _("Describe the problem or need."),
        "proposal": _("Describe what you propose."),
    }
    for name, message in required.items():
        if name in values and not str(values[name] or "").strip():
            errors[name] = message
    deadline = values.get("deadline")
    deadline_changes = current is None or deadline != current.deadline
    if deadline is not None and deadline_changes and deadline < today:
        errors["deadline"] = _("The deadline must not be in the past.")
    cost = values.get("rough_cost")
    if cost is not None and cost < 0:
        errors["rough_cost"] = _("The cost must not be negative.")
    if "fields" in values and not values["fields"]:
        errors["fields"] = _("Choose at least one field of action.")
    unit = values.get("submitting_unit")
    body_id = current.submitting_body_id if current is not None else values.get("body_id")
    if unit is not None and body_id is not None and unit.body_id != body_id:
        errors["submitting_unit"] = _("The unit does not belong to the submitting body.")
    if errors:
        raise ValidationError(errors)


def _apply_m2m(topic, values):
    for name in TOPIC_M2M_FIELDS:
        if name in values:
            getattr(topic, name).set(values[name])


@transaction.atomic
def submit_topic(*, acting_user, submitting_body=None, submitting_unit=None, now=None, **values):
    """Submit a topic to the steering group in the name of the user's body (and unit).

    Only the staff unit may submit in another body's name (`submitting_body`).
    """
    _check_unknown(values, (*TOPIC_FIELDS, *TOPIC_M2M_FIELDS), "topic")
    _refuse_unless(permissions.can_submit_topic(acting_user))
    if submitting_body is not None and submitting_body.pk != acting_user.body_id:
        _refuse_unless(acting_user.is_staff_unit)
    now = now or timezone.now()
    body = submitting_body or acting_user.body
    if body is None:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Your account belongs to no body; choose the submitting body.")}
        )
    if submitting_unit is None and acting_user.org_unit_id is not None:
        own_unit = acting_user.org_unit
        if own_unit.body_id == body.pk:
            submitting_unit = own_unit
    for name in ("title", "problem", "proposal"):
        values.setdefault(name, "")
    values.setdefault("fields", [])
    _validate_topic(
        values | {"submitting_unit": submitting_unit, "body_id": body.pk},
        today=timezone.localdate(now),
    )
    topic = Topic.objects.create(
        **{name: values[name] for name in TOPIC_FIELDS if name in values},
        submitted_by=acting_user,
        submitting_body=body,
        submitting_unit=submitting_unit,
        submitted_at=now,
        status=Topic.Status.SUBMITTED,
        status_changed_at=now,
    )
    _apply_m2m(topic, values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=topic)
    return topic


@transaction.atomic
def update_topic(*, acting_user, topic, expected_version=None, today=None, **values):
    """The staff unit completes or corrects a topic's facts while it is being prepared."""
    _check_unknown(values, (*TOPIC_FIELDS, *TOPIC_M2M_FIELDS, *TOPIC_PREPARATION_FIELDS), "topic")
    _refuse_unless(permissions.can_manage_topics(acting_user))
    current = _lock_topic(topic, expected_version)
    _refuse_if_closed(current)
    _validate_topic(values, today=today or timezone.localdate(), current=current)
    before = snapshot(current)
    for name in (*TOPIC_FIELDS, *TOPIC_PREPARATION_FIELDS):
        if name in values:
            setattr(current, name, values[name])
    current.version += 1
    current.save()
    _apply_m2m(current, values)
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


def _set_status(current, *, acting_user, new_status, now):
    before = snapshot(current)
    current.status = new_status
    current.status_changed_at = now or timezone.now()
    current.version += 1
    current.save(update_fields=["status", "status_changed_at", "version"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def change_topic_status(*, acting_user, topic, new_status, expected_version=None, now=None):
    """Move a topic along ALLOWED_TRANSITIONS (rules); DECIDED only via mark_topic_decided.

    Going into preparation requests the statements the flags require. A topic is ready for
    decision only when every required statement is given or waived by the chair.
    """
    current = _lock_topic(topic, expected_version)
    _refuse_unless(
        permissions.can_manage_topics(acting_user)
        or (acting_user.is_active and current.submitted_by_id == acting_user.pk)
    )
    if not rules.is_allowed_transition(current.status, new_status):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("A topic cannot go from “%(old)s” to “%(new)s”.")
                % {"old": _status_label(current.status), "new": _status_label(new_status)}
            }
        )
    _refuse_unless(permissions.can_change_topic_status(acting_user, current, new_status))
    if new_status == Topic.Status.READY_FOR_DECISION:
        missing = rules.missing_statement_kinds(
            rules.required_statement_kinds(current), current.statements.all()
        )
        if missing:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: ValidationError(
                        _(
                            "The topic is not ready for decision: the statements of %(missing)s "
                            "are missing. Obtain them, or ask the chair of the steering group "
                            "to waive them."
                        )
                        % {"missing": rules.statement_kind_labels(missing)},
                        code="statements_missing",
                    )
                }
            )
    _set_status(current, acting_user=acting_user, new_status=new_status, now=now)
    if new_status == Topic.Status.IN_PREPARATION:
        _create_required_statements(current, acting_user=acting_user, now=now)
    return current


@transaction.atomic
def mark_topic_decided(*, acting_user, topic, now=None):
    """Called by governance when the steering group records its decision on `topic`.

    The topic must be ready for decision; governance checks who may record a decision.
    """
    current = _lock_topic(topic)
    if current.status != Topic.Status.READY_FOR_DECISION:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Only a topic that is ready for decision can be decided (“%(title)s” is "
                    "“%(status)s”)."
                )
                % {"title": current.title, "status": _status_label(current.status)}
            }
        )
    return _set_status(current, acting_user=acting_user, new_status=Topic.Status.DECIDED, now=now)


# Statements ---------------------------------------------------------------------------------


def _create_required_statements(topic, *, acting_user, now):
    existing = set(topic.statements.values_list("kind", flat=True))
    created = []
    for kind in rules.required_statement_kinds(topic):
        if kind in existing:
            continue
        statement = Statement.objects.create(
            topic=topic, kind=kind, requested_at=now or timezone.now()
        )
        record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=statement)
        created.append(statement)
    return created


@transaction.atomic
def request_statements(*, acting_user, topic, now=None):
    """Create the statements the topic's flags require and that are not requested yet.

    Returns the newly requested ones (none on a second call).
    """
    _refuse_unless(permissions.can_manage_topics(acting_user))
    current = _lock_topic(topic)
    _refuse_if_closed(current)
    return _create_required_statements(current, acting_user=acting_user, now=now)


@transaction.atomic
def give_statement(*, acting_user, statement, result, text="", given_on, today=None):
    """Record the statement of an officer (or, on their behalf, by the staff unit)."""
    _refuse_unless(permissions.can_give_statement(acting_user, statement))
    topic = _lock_topic(statement.topic)
    _refuse_if_closed(topic)
    current = Statement.objects.select_for_update().get(pk=statement.pk)
    errors = {}
    if result not in Statement.Result.values:
        errors["result"] = _("Choose the result of the statement.")
    elif result != Statement.Result.AGREED and not (text or "").strip():
        errors["text"] = _("Give the conditions or concerns in the statement.")
    if given_on is None:
        errors["given_on"] = _("Enter the date the statement was given.")
    elif given_on > (today or timezone.localdate()):
        errors["given_on"] = _("The date must not be in the future.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(current)
    current.result, current.text, current.given_on = result, text, given_on
    current.given_by = acting_user
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def waive_statement(*, acting_user, statement, reason):
    """The chair lets the topic go to decision without this statement, giving the reason."""
    _refuse_unless(permissions.can_waive_statement(acting_user, statement))
    topic = _lock_topic(statement.topic)
    _refuse_if_closed(topic)
    current = Statement.objects.select_for_update().get(pk=statement.pk)
    if current.result:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("This statement has been given; there is nothing to waive.")}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for deciding without this statement.")})
    before = snapshot(current)
    current.override_reason = reason.strip()
    current.overridden_by = acting_user
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


# Scores and criteria ------------------------------------------------------------------------


@transaction.atomic
def score_topic(*, acting_user, topic, scores):
    """Set the staff unit's scores of a topic.

    `scores` maps each criterion to (score, reason); a score of None removes the criterion's
    score. Criteria not in `scores` keep theirs.
    """
    _refuse_unless(permissions.can_manage_topics(acting_user))
    current = _lock_topic(topic)
    _refuse_if_closed(current)
    errors = []
    for criterion, (score, reason) in scores.items():
        if score is not None and not 0 <= score <= rules.MAX_SCORE:
            errors.append(
                _("%(criterion)s: a score is between 0 and 5.") % {"criterion": criterion.name}
            )
        elif score is not None and not (reason or "").strip():
            errors.append(_("%(criterion)s: give a reason.") % {"criterion": criterion.name})
        elif score is not None and not criterion.is_active:
            errors.append(
                _("%(criterion)s is no longer used for the ranking.")
                % {"criterion": criterion.name}
            )
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    existing = {s.criterion_id: s for s in current.scores.select_for_update()}
    for criterion, (score, reason) in scores.items():
        stored = existing.get(criterion.pk)
        if score is None:
            if stored is not None:
                record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=stored)
                stored.delete()
            continue
        if stored is None:
            stored = TopicScore.objects.create(
                topic=current, criterion=criterion, score=score, reason=reason.strip()
            )
            record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=stored)
        else:
            before = snapshot(stored)
            stored.score, stored.reason = score, reason.strip()
            stored.save()
            record_change(
                actor=acting_user, action=AuditEntry.Action.UPDATE, obj=stored, before=before
            )
    return current


@transaction.atomic
def configure_criteria(*, acting_user, settings):
    """Set weights and whether each criterion is used: `settings` maps a criterion to
    {"weight": int, "is_active": bool} (either key may be left out)."""
    _refuse_unless(permissions.can_manage_topics(acting_user))
    errors = []
    for criterion, values in settings.items():
        _check_unknown(values, ("weight", "is_active"), "criterion")
        weight = values.get("weight")
        if weight is not None and not 0 <= weight <= MAX_WEIGHT:
            errors.append(
                _("%(criterion)s: the weight is between 0 and %(max)s.")
                % {"criterion": criterion.name, "max": MAX_WEIGHT}
            )
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    locked = PriorityCriterion.objects.select_for_update().in_bulk(
        [criterion.pk for criterion in settings]
    )
    changed = []
    for criterion, values in settings.items():
        current = locked[criterion.pk]
        before = snapshot(current)
        for name, value in values.items():
            if value is not None:
                setattr(current, name, value)
        current.save()
        if record_change(
            actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before
        ):
            changed.append(current)
    return changed
