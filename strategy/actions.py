"""Every change to the strategy: one function each, atomic, writing its audit entry.

Validation failures raise django.core.exceptions.ValidationError with German messages keyed by
field, so a form can show each at its field; nothing is saved then. An edit of a goal or an
indicator based on an outdated version (someone else saved in between) raises a
ValidationError with code "stale".

Permissions are checked by the callers (strategy.permissions); these functions trust them.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot

from .models import Goal, Indicator, IndicatorValue

GOAL_FIELDS = ("field", "title", "description", "owner_unit", "target_date", "position")
INDICATOR_FIELDS = (
    "goal",
    "name",
    "description",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "source",
)
INDICATOR_VALUE_FIELDS = ("measured_on", "value", "note")


def _stale_error():
    message = _(
        "Someone else has changed this entry since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _lock_current(obj, expected_version):
    """Re-read `obj` locked for this transaction and refuse if its version moved on."""
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale_error()
    return current


def _check_fields(values, allowed, kind):
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {kind} fields: {sorted(unknown)}")


def _short_date(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


# Goals -------------------------------------------------------------------------------------


def _validate_goal(values):
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("Enter a title.")
    if values.get("field") is None:
        errors["field"] = _("Choose a field of action.")
    unit = values.get("owner_unit")
    if unit is not None and unit.valid_until is not None:
        errors["owner_unit"] = _("This unit has been dissolved; choose its successor.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_goal(*, acting_user, audit_source=AuditEntry.Source.WEB, audit_label="", **values):
    """Create a goal of a field of action (fields: see GOAL_FIELDS)."""
    _check_fields(values, GOAL_FIELDS, "goal")
    _validate_goal(values)
    goal = Goal.objects.create(**values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=goal,
        source=audit_source,
        label=audit_label,
    )
    return goal


@transaction.atomic
def update_goal(*, acting_user, goal, expected_version=None, **values):
    """Change the given fields of a goal; refuses a stale `expected_version`."""
    _check_fields(values, GOAL_FIELDS, "goal")
    current = _lock_current(goal, expected_version)
    merged = {name: getattr(current, name) for name in GOAL_FIELDS} | values
    # A unit dissolved after it was chosen may stay; only a newly chosen one must exist.
    if merged["owner_unit"] is not None and merged["owner_unit"].pk == current.owner_unit_id:
        merged["owner_unit"] = None
    _validate_goal(merged)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


# Indicators --------------------------------------------------------------------------------


def _validate_indicator(values, *, indicator=None):
    errors = {}
    baseline, target = values.get("baseline_value"), values.get("target_value")
    if baseline is not None and target is not None and baseline == target:
        errors["target_value"] = _(
            "The target must differ from the baseline, otherwise there is nothing to reach."
        )
    baseline_date, target_date = values.get("baseline_date"), values.get("target_date")
    if baseline_date and target_date and target_date <= baseline_date:
        errors["target_date"] = _("The target date must be after the baseline date (%(date)s).") % {
            "date": _short_date(baseline_date)
        }
    if indicator is not None and baseline_date:
        earliest = (
            indicator.values.filter(measured_on__lt=baseline_date)
            .order_by("measured_on")
            .values_list("measured_on", flat=True)
            .first()
        )
        if earliest is not None:
            errors["baseline_date"] = _(
                "There is a measured value of %(date)s before this baseline date; "
                "change or delete it first."
            ) % {"date": _short_date(earliest)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_indicator(*, acting_user, audit_source=AuditEntry.Source.WEB, audit_label="", **values):
    """Create an indicator with baseline and target (fields: see INDICATOR_FIELDS)."""
    _check_fields(values, INDICATOR_FIELDS, "indicator")
    _validate_indicator(values)
    indicator = Indicator.objects.create(**values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=indicator,
        source=audit_source,
        label=audit_label,
    )
    return indicator


@transaction.atomic
def update_indicator(*, acting_user, indicator, expected_version=None, **values):
    """Change the given fields of an indicator; refuses a stale `expected_version`."""
    _check_fields(values, INDICATOR_FIELDS, "indicator")
    current = _lock_current(indicator, expected_version)
    merged = {name: getattr(current, name) for name in INDICATOR_FIELDS} | values
    _validate_indicator(merged, indicator=current)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


# Indicator values --------------------------------------------------------------------------


def _validate_value(indicator, values, *, indicator_value=None):
    errors = {}
    measured_on = values.get("measured_on")
    if measured_on is not None:
        if measured_on < indicator.baseline_date:
            errors["measured_on"] = _(
                "The date is before the indicator's baseline date (%(date)s)."
            ) % {"date": _short_date(indicator.baseline_date)}
        else:
            duplicates = indicator.values.filter(measured_on=measured_on)
            if indicator_value is not None:
                duplicates = duplicates.exclude(pk=indicator_value.pk)
            if duplicates.exists():
                errors["measured_on"] = _(
                    "This indicator already has a value for %(date)s; change that one instead."
                ) % {"date": _short_date(measured_on)}
    if values.get("value") is None:
        errors["value"] = _("Enter the measured value.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_indicator_value(
    *, acting_user, indicator, audit_source=AuditEntry.Source.WEB, audit_label="", **values
):
    """Record a measured value of `indicator` (fields: see INDICATOR_VALUE_FIELDS)."""
    _check_fields(values, INDICATOR_VALUE_FIELDS, "indicator value")
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _validate_value(indicator, values)
    indicator_value = IndicatorValue.objects.create(indicator=indicator, **values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=indicator_value,
        source=audit_source,
        label=audit_label,
    )
    return indicator_value


@transaction.atomic
def update_indicator_value(*, acting_user, indicator_value, **values):
    """Correct a measured value (its date, value or note)."""
    _check_fields(values, INDICATOR_VALUE_FIELDS, "indicator value")
    indicator = Indicator.objects.select_for_update().get(pk=indicator_value.indicator_id)
    current = IndicatorValue.objects.select_for_update().get(pk=indicator_value.pk)
    merged = {name: getattr(current, name) for name in INDICATOR_VALUE_FIELDS} | values
    _validate_value(indicator, merged, indicator_value=current)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def delete_indicator_value(*, acting_user, indicator_value):
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=indicator_value)
    indicator_value.delete()
