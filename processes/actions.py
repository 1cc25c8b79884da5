"""Every change to the business processes: one function each, atomic, writing its audit entry.

Refusals: a user without the right raises PermissionDenied (views check the same rules in
processes.permissions first); bad input raises ValidationError keyed by field. Either way
nothing is saved and nothing audited. An edit based on an outdated version raises a
ValidationError with code "stale".
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from strategy.models import FieldOfAction
from topics import actions as topic_actions

from . import permissions
from .models import BusinessProcess

PROCESS_FIELDS = (
    "org_unit",
    "name",
    "service",
    "cases_per_year",
    "minutes_per_case",
    "target_minutes_per_case",
    "media_breaks",
    "digitisation",
    "target_state",
    "is_demo",
)
# The field of action a process analysis belongs to, unless none of that code exists.
ADMINISTRATION_FIELD = "verwaltung"
TITLE_LENGTH = 200


def _refuse_unless(allowed):
    if not allowed:
        raise PermissionDenied


def _stale_error():
    message = _(
        "Someone else has changed this process since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _lock(process, expected_version=None):
    current = BusinessProcess.objects.select_for_update().get(pk=process.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale_error()
    return current


def _validate(values, *, current=None):
    """Check the merged values (the current ones overlaid with `values`)."""
    merged = {name: getattr(current, name) for name in PROCESS_FIELDS} if current else {}
    merged.update(values)
    errors = {}
    if not str(merged.get("name") or "").strip():
        errors["name"] = _("Enter the name of the process.")
    if merged.get("org_unit") is None:
        errors["org_unit"] = _("Choose the unit.")
    elif merged["org_unit"].valid_until is not None and (
        current is None or merged["org_unit"].pk != current.org_unit_id
    ):
        errors["org_unit"] = _("This unit has been dissolved; choose its successor.")
    for name in ("cases_per_year", "minutes_per_case", "target_minutes_per_case", "media_breaks"):
        value = merged.get(name)
        if value is None:
            errors[name] = _("Enter a number.")
        elif value < 0:
            errors[name] = _("The number must not be negative.")
    today, target = merged.get("minutes_per_case"), merged.get("target_minutes_per_case")
    both_valid = "minutes_per_case" not in errors and "target_minutes_per_case" not in errors
    if both_valid and Decimal(target) > Decimal(today):
        # The same rule as the model's check constraint, shown at its field.
        errors["target_minutes_per_case"] = _(
            "The target state cannot take longer per case than today."
        )
    if merged.get("digitisation") not in BusinessProcess.Digitisation.values:
        errors["digitisation"] = _("Choose the state of digitisation.")
    unit, name = merged.get("org_unit"), str(merged.get("name") or "").strip()
    if unit is not None and name and "name" not in errors:
        duplicates = BusinessProcess.objects.filter(org_unit=unit, name=name)
        if current is not None:
            duplicates = duplicates.exclude(pk=current.pk)
        if duplicates.exists():
            errors["name"] = _("This unit already has a process of this name.")
    if errors:
        raise ValidationError(errors)


def _check_unknown(values):
    unknown = set(values) - set(PROCESS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown process fields: {sorted(unknown)}")


@transaction.atomic
def create_process(*, acting_user, audit_source=AuditEntry.Source.WEB, audit_label="", **values):
    """Record a business process of a unit the user maintains."""
    _check_unknown(values)
    _refuse_unless(permissions.can_create_process(acting_user))
    unit = values.get("org_unit")
    if unit is not None:
        _refuse_unless(permissions.can_maintain_unit(acting_user, unit))
    _validate(values)
    values["name"] = values["name"].strip()
    process = BusinessProcess.objects.create(**values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=process,
        source=audit_source,
        label=audit_label,
    )
    return process


@transaction.atomic
def update_process(*, acting_user, process, expected_version=None, **values):
    """Change the given fields; moving a process to another unit needs the right on both."""
    _check_unknown(values)
    current = _lock(process, expected_version)
    _refuse_unless(permissions.can_edit_process(acting_user, current))
    unit = values.get("org_unit")
    if unit is not None and unit.pk != current.org_unit_id:
        _refuse_unless(permissions.can_maintain_unit(acting_user, unit))
    _validate(values, current=current)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value.strip() if name == "name" else value)
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def delete_process(*, acting_user, process):
    current = _lock(process)
    _refuse_unless(permissions.can_edit_process(acting_user, current))
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=current)
    current.delete()


def _hours(value):
    # Rounded first: number_format would cut 12.9 hours down to 12.
    return number_format(value.quantize(Decimal(1), ROUND_HALF_UP), decimal_pos=0)


def _topic_values(process):
    """Title, problem and proposal of the topic, prefilled from the process analysis."""
    saving = process.saving_hours_per_year
    title = _("Digitise the process “%(process)s”") % {"process": process.name}
    facts = {
        "process": process.name,
        "unit": str(process.org_unit),
        "cases": process.cases_per_year,
        "minutes": number_format(process.minutes_per_case),
        "target": number_format(process.target_minutes_per_case),
        "breaks": process.media_breaks,
        "state": process.get_digitisation_display(),
        "hours": _hours(saving),
    }
    problem = (
        _(
            "The process “%(process)s” of %(unit)s handles %(cases)s cases a year at "
            "%(minutes)s minutes each. State of digitisation: %(state)s; media breaks: "
            "%(breaks)s."
        )
        % facts
    )
    proposal = (
        process.target_state.strip()
        or _("Digitise the process so that a case takes %(target)s minutes.") % facts
    )
    benefit = (
        _(
            "About %(hours)s hours a year: %(cases)s cases × (%(minutes)s − %(target)s minutes) "
            "÷ 60."
        )
        % facts
    )
    return {
        "title": title[:TITLE_LENGTH],
        "problem": problem,
        "proposal": proposal,
        "expected_benefit": benefit,
    }


def _administration_fields():
    """The field of action "Verwaltung", else the first of the strategy's own fields."""
    fields = FieldOfAction.objects.filter(code=ADMINISTRATION_FIELD)
    if not fields.exists():
        fields = FieldOfAction.objects.filter(is_cross_cutting=False).order_by("position", "pk")
    return list(fields[:1])


@transaction.atomic
def submit_process_topic(*, acting_user, process, now=None):
    """Put the process to the steering group as a topic submission and link the two.

    The topic is prefilled from the analysis and submitted in the name of the process's body
    and unit; a process goes to the steering group once.
    """
    current = _lock(process)
    _refuse_unless(permissions.can_edit_process(acting_user, current))
    if current.topic_id is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "This process has already been submitted to the steering group as "
                    "%(reference)s."
                )
                % {"reference": current.topic.reference}
            }
        )
    unit = current.org_unit
    topic = topic_actions.submit_topic(
        acting_user=acting_user,
        submitting_body=unit.body,
        submitting_unit=unit,
        now=now,
        fields=_administration_fields(),
        affected_bodies=[unit.body],
        affected_units=[unit],
        **_topic_values(current),
    )
    before = snapshot(current)
    current.topic = topic
    current.version += 1
    current.save(update_fields=["topic", "version"])
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return topic
