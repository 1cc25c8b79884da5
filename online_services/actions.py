"""Every change to online offers, maturity assessments, shared solutions and roll-outs.

One function each: keyword-only, with the acting user, atomic, writing its audit entries.
Validation failures raise django.core.exceptions.ValidationError keyed by field (nothing is
saved then); an edit based on an outdated version raises one with code "stale".
An offer's `current_level`/`current_model` always mirror its latest assessment.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot

from .models import (
    MaturityAssessment,
    MaturityLevel,
    ServiceOffer,
    SharedSolution,
    SolutionRollout,
)

OFFER_FIELDS = (
    "status",
    "platform",
    "solution",
    "online_since",
    "url",
    "cases_per_year",
    "initiative",
)
SOLUTION_FIELDS = ("name", "kind", "provider", "description", "url", "initiative")


def _check_unknown(values, allowed, what):
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _audit(source, label):
    return {"source": source, "label": label}


def _lock_current(obj, expected_version=None):
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _(
                        "Someone else has changed this entry since you opened the form. "
                        "Reload the page to see the current state, then make your change again."
                    ),
                    code="stale",
                )
            }
        )
    return current


def validate_offer_values(values, *, today):
    """The rules for an offer's values (shared with the Excel import's row check)."""
    online_since = values.get("online_since")
    if online_since and online_since > today:
        raise ValidationError({"online_since": _("The date must not be in the future.")})
    if online_since and values.get("status") != ServiceOffer.Status.ONLINE:
        raise ValidationError(
            {"online_since": _("Only an offer that is online has an “online since” date.")}
        )


# Offers ------------------------------------------------------------------------------------


@transaction.atomic
def create_offer(
    *,
    acting_user,
    body,
    service,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
    **values,
):
    _check_unknown(values, OFFER_FIELDS, "offer")
    validate_offer_values(values, today=timezone.localdate())
    if ServiceOffer.objects.filter(body=body, service=service).exists():
        raise ValidationError({"service": _("This body already has an offer of this service.")})
    offer = ServiceOffer.objects.create(body=body, service=service, **values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=offer,
        **_audit(audit_source, audit_label),
    )
    return offer


@transaction.atomic
def update_offer(
    *,
    acting_user,
    offer,
    expected_version=None,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
    **values,
):
    _check_unknown(values, OFFER_FIELDS, "offer")
    current = _lock_current(offer, expected_version)
    merged = {name: getattr(current, name) for name in OFFER_FIELDS} | values
    validate_offer_values(merged, today=timezone.localdate())
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    if snapshot(current) == before:
        return current
    current.version += 1
    current.save()
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        before=before,
        **_audit(audit_source, audit_label),
    )
    return current


# Assessments -------------------------------------------------------------------------------


def validate_level(model, level):
    """The ValidationError for a level `model` does not have, or None."""
    levels = list(MaturityLevel.objects.filter(model=model).values_list("level", flat=True))
    if level not in levels:
        return ValidationError(
            {
                "level": _("%(model)s has no level %(level)s (levels %(first)s to %(last)s).")
                % {"model": model.name, "level": level, "first": min(levels), "last": max(levels)}
            }
        )
    return None


@transaction.atomic
def record_assessment(
    *,
    acting_user,
    offer,
    model,
    level,
    assessed_on,
    criteria=(),
    note="",
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
):
    """Add an assessment to the offer's history; the latest one becomes its current level."""
    error = validate_level(model, level)
    if error:
        raise error
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("The date must not be in the future.")})
    foreign = [criterion for criterion in criteria if criterion.model_id != model.pk]
    if foreign:
        raise ValidationError(
            {"criteria": _("Only criteria of %(model)s can be met.") % {"model": model.name}}
        )
    assessment = MaturityAssessment.objects.create(
        offer=offer,
        model=model,
        level=level,
        assessed_on=assessed_on,
        note=note,
        assessed_by=acting_user,
    )
    assessment.criteria_met.set(criteria)
    audit = _audit(audit_source, audit_label)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=assessment, **audit)
    _refresh_current_level(acting_user=acting_user, offer=offer, audit=audit)
    return assessment


def _refresh_current_level(*, acting_user, offer, audit):
    current = _lock_current(offer)
    latest = current.assessments.order_by("-assessed_on", "-pk").first()
    level = latest.level if latest else None
    model_id = latest.model_id if latest else None
    if (current.current_level, current.current_model_id) == (level, model_id):
        return
    before = snapshot(current)
    current.current_level, current.current_model_id = level, model_id
    current.version += 1
    current.save()
    record_change(
        actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before, **audit
    )
    offer.current_level, offer.current_model_id = level, model_id
    offer.version = current.version


# Shared solutions and roll-outs ------------------------------------------------------------


def _unique_solution_name(name, exclude=None):
    clash = SharedSolution.objects.filter(name=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise ValidationError({"name": _("A shared solution of this name exists already.")})


@transaction.atomic
def create_solution(*, acting_user, services=(), **values):
    _check_unknown(values, SOLUTION_FIELDS, "solution")
    _unique_solution_name(values.get("name"))
    solution = SharedSolution.objects.create(**values)
    solution.services.set(services)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=solution)
    return solution


@transaction.atomic
def update_solution(*, acting_user, solution, services=None, **values):
    _check_unknown(values, SOLUTION_FIELDS, "solution")
    current = _lock_current(solution)
    if "name" in values:
        _unique_solution_name(values["name"], exclude=current)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    if services is not None:
        current.services.set(services)
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def set_solution_rollout(*, acting_user, solution, body, status, since=None, note=""):
    if since and since > timezone.localdate():
        raise ValidationError({"since": _("The date must not be in the future.")})
    rollout = SolutionRollout.objects.select_for_update().filter(solution=solution, body=body)
    rollout = rollout.first()
    if rollout is None:
        rollout = SolutionRollout.objects.create(
            solution=solution, body=body, status=status, since=since, note=note
        )
        record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=rollout)
        return rollout
    before = snapshot(rollout)
    rollout.status, rollout.since, rollout.note = status, since, note
    rollout.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=rollout, before=before)
    return rollout
