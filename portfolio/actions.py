"""Every change to the register: one function each, atomic, writing its audit entries.

Validation failures raise django.core.exceptions.ValidationError with messages keyed by field,
so a form can show each at its field; nothing is saved then. An edit based on an outdated
version (someone else saved in between) raises a ValidationError with code "stale".
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot

from . import permissions, rules
from .models import (
    BudgetLine,
    Initiative,
    InitiativeLink,
    InitiativeRollout,
    Milestone,
    RolloutStatus,
    StatusReport,
)

INITIATIVE_FIELDS = (
    "title",
    "description",
    "owner_body",
    "owner_unit",
    "status",
    "status_changed_on",
    "start_date",
    "end_date",
    "priority",
    "parent",
    "weight",
    "reporting_cycle",
    "demo_note",
)
INITIATIVE_M2M_FIELDS = ("participating_bodies", "fields", "goals", "indicators")
MILESTONE_FIELDS = ("title", "description", "planned_date", "actual_date")
BUDGET_LINE_FIELDS = ("year", "amount", "funding_source", "grant_programme", "grant_amount", "note")


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


def _audit_kwargs(source, label):
    return {"source": source, "label": label}


# Initiatives ------------------------------------------------------------------------------


def _validate_initiative(values, *, initiative=None):
    errors = {}
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("The planned end must not be before the start.")
    unit, body = values.get("owner_unit"), values.get("owner_body")
    if unit is not None and body is not None and unit.body_id != body.pk:
        errors["owner_unit"] = _("The unit does not belong to the responsible body.")
    unit_changes = initiative is None or (unit is not None and unit.pk != initiative.owner_unit_id)
    if unit is not None and unit.valid_until is not None and unit_changes:
        errors["owner_unit"] = _("This unit has been dissolved; choose its successor.")
    parent = values.get("parent")
    if parent is not None and initiative is not None:
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == initiative.pk:
                errors["parent"] = _("An initiative cannot be part of itself or its parts.")
                break
            ancestor = ancestor.parent
    weight = values.get("weight")
    if weight is not None and weight < 1:
        errors["weight"] = _("The weight must be at least 1.")
    if "fields" in values and not values["fields"]:
        errors["fields"] = _("Choose at least one field of action.")
    if errors:
        raise ValidationError(errors)


def _apply_m2m(initiative, values):
    for name in INITIATIVE_M2M_FIELDS:
        if name in values:
            getattr(initiative, name).set(values[name])


@transaction.atomic
def create_initiative(
    *,
    acting_user,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
    today=None,
    **values,
):
    """Create an initiative from field values (see INITIATIVE_FIELDS and M2M fields)."""
    unknown = set(values) - set(INITIATIVE_FIELDS) - set(INITIATIVE_M2M_FIELDS)
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    _validate_initiative(values)
    today = today or timezone.localdate()
    scalar = {name: values[name] for name in INITIATIVE_FIELDS if name in values}
    scalar.setdefault("status_changed_on", today)
    initiative = Initiative.objects.create(**scalar)
    _apply_m2m(initiative, values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=initiative,
        **_audit_kwargs(audit_source, audit_label),
    )
    refresh_derived_state(initiative)
    initiative.refresh_from_db()
    return initiative


@transaction.atomic
def update_initiative(
    *,
    acting_user,
    initiative,
    expected_version=None,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
    today=None,
    **values,
):
    """Change the given fields of an initiative; refuses a stale `expected_version`."""
    unknown = set(values) - set(INITIATIVE_FIELDS) - set(INITIATIVE_M2M_FIELDS)
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    current = _lock_current(initiative, expected_version)
    _validate_initiative(values, initiative=current)
    before = snapshot(current)
    old_parent_id = current.parent_id
    if "status" in values and values["status"] != current.status:
        values.setdefault("status_changed_on", today or timezone.localdate())
    for name in INITIATIVE_FIELDS:
        if name in values:
            setattr(current, name, values[name])
    current.version += 1
    current.save()
    _apply_m2m(current, values)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        before=before,
        **_audit_kwargs(audit_source, audit_label),
    )
    refresh_derived_state(current)
    if old_parent_id and old_parent_id != current.parent_id:
        refresh_derived_state(Initiative.objects.get(pk=old_parent_id))
    current.refresh_from_db()
    return current


@transaction.atomic
def delete_initiative(*, acting_user, initiative, expected_version=None):
    current = _lock_current(initiative, expected_version)
    if current.children.exists():
        raise ValidationError({NON_FIELD_ERRORS: _("Delete or move its sub-initiatives first.")})
    parent = current.parent
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=current)
    current.delete()
    if parent is not None:
        refresh_derived_state(parent)


@transaction.atomic
def change_owner_unit(*, acting_user, initiatives, new_unit, audit_source, audit_label=""):
    """Hand initiatives to another unit, e.g. when their unit is dissolved."""
    for initiative in initiatives:
        update_initiative(
            acting_user=acting_user,
            initiative=initiative,
            owner_unit=new_unit,
            audit_source=audit_source,
            audit_label=audit_label,
        )


def refresh_derived_state(initiative):
    """Recompute progress, traffic light and reporting dates, then those of the parents.

    A parent with sub-initiatives derives progress and light from its (not stopped) children,
    weighted; any other initiative from its latest status report.
    """
    latest = initiative.status_reports.order_by("-reported_on", "-id").first()
    children = list(
        initiative.children.exclude(status=Initiative.Status.STOPPED).values_list(
            "weight", "progress", "traffic_light"
        )
    )
    if children:
        progress = rules.weighted_progress([(w, p) for w, p, _light in children])
        light = rules.combined_traffic_light([(w, light) for w, _p, light in children])
    elif initiative.status == Initiative.Status.COMPLETED:
        progress, light = 100, (latest.overall if latest else "")
    else:
        progress = latest.progress if latest else 0
        light = latest.overall if latest else ""
    last_report_on = latest.reported_on if latest else None
    next_due = (
        rules.next_report_due(
            cycle=initiative.reporting_cycle,
            last_report_on=last_report_on,
            start_date=initiative.start_date,
        )
        if initiative.status == Initiative.Status.IN_PROGRESS
        else None
    )
    Initiative.objects.filter(pk=initiative.pk).update(
        progress=progress,
        traffic_light=light,
        last_report_on=last_report_on,
        next_report_due=next_due,
    )
    if initiative.parent_id:
        refresh_derived_state(Initiative.objects.get(pk=initiative.parent_id))


# Milestones --------------------------------------------------------------------------------


def _validate_milestone(initiative, values):
    errors = {}
    for name in ("planned_date", "actual_date"):
        day = values.get(name)
        if day is None:
            continue
        if initiative.start_date and day < initiative.start_date:
            errors[name] = _("The date is before the initiative's start (%(start)s).") % {
                "start": initiative.start_date.strftime("%d.%m.%Y")
            }
        elif initiative.end_date and day > initiative.end_date:
            errors[name] = _("The date is after the initiative's planned end (%(end)s).") % {
                "end": initiative.end_date.strftime("%d.%m.%Y")
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_milestone(
    *, acting_user, initiative, audit_source=AuditEntry.Source.WEB, audit_label="", **values
):
    _validate_milestone(initiative, values)
    milestone = Milestone.objects.create(
        initiative=initiative, **{k: values[k] for k in MILESTONE_FIELDS if k in values}
    )
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=milestone,
        **_audit_kwargs(audit_source, audit_label),
    )
    return milestone


@transaction.atomic
def update_milestone(*, acting_user, milestone, expected_version=None, **values):
    current = _lock_current(milestone, expected_version)
    _validate_milestone(current.initiative, values)
    before = snapshot(current)
    for name in MILESTONE_FIELDS:
        if name in values:
            setattr(current, name, values[name])
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def delete_milestone(*, acting_user, milestone):
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=milestone)
    milestone.delete()


# Budget lines ------------------------------------------------------------------------------


def _validate_budget_line(values):
    errors = {}
    amount, grant = values.get("amount"), values.get("grant_amount")
    if amount is not None and amount < 0:
        errors["amount"] = _("The amount must not be negative.")
    if values.get("funding_source") == BudgetLine.FundingSource.GRANT:
        if not values.get("grant_programme"):
            errors["grant_programme"] = _("Name the grant programme.")
        if grant is None:
            errors["grant_amount"] = _("Enter the grant amount.")
    elif grant is not None:
        errors["grant_amount"] = _("Own funds have no grant amount; choose “grant”.")
    if grant is not None and grant < 0:
        errors["grant_amount"] = _("The grant must not be negative.")
    elif grant is not None and amount is not None and grant > amount:
        errors["grant_amount"] = _("The grant must not be larger than the budget line.")
    year = values.get("year")
    if year is not None and not 1990 <= year <= 2100:
        errors["year"] = _("Enter a year between 1990 and 2100.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_budget_line(
    *, acting_user, initiative, audit_source=AuditEntry.Source.WEB, audit_label="", **values
):
    _validate_budget_line(values)
    line = BudgetLine.objects.create(
        initiative=initiative, **{k: values[k] for k in BUDGET_LINE_FIELDS if k in values}
    )
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=line,
        **_audit_kwargs(audit_source, audit_label),
    )
    return line


@transaction.atomic
def update_budget_line(*, acting_user, budget_line, expected_version=None, **values):
    current = _lock_current(budget_line, expected_version)
    merged = {name: getattr(current, name) for name in BUDGET_LINE_FIELDS} | values
    _validate_budget_line(merged)
    before = snapshot(current)
    for name in BUDGET_LINE_FIELDS:
        setattr(current, name, merged[name])
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def delete_budget_line(*, acting_user, budget_line):
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=budget_line)
    budget_line.delete()


# Links -------------------------------------------------------------------------------------


@transaction.atomic
def add_link(
    *, acting_user, initiative, title, url, audit_source=AuditEntry.Source.WEB, audit_label=""
):
    link = InitiativeLink.objects.create(initiative=initiative, title=title, url=url)
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=link,
        **_audit_kwargs(audit_source, audit_label),
    )
    return link


@transaction.atomic
def update_link(*, acting_user, link, **values):
    """Change a link's title or address."""
    unknown = set(values) - {"title", "url"}
    if unknown:
        raise TypeError(f"Unknown link fields: {sorted(unknown)}")
    current = InitiativeLink.objects.select_for_update().get(pk=link.pk)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def delete_link(*, acting_user, link):
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=link)
    link.delete()


# Status reports ----------------------------------------------------------------------------

STATUS_REPORT_FIELDS = (
    "reported_on",
    "schedule",
    "cost",
    "scope",
    "overall",
    "progress",
    "summary",
    "next_steps",
    "risks",
    "decisions_needed",
)


@transaction.atomic
def submit_status_report(
    *,
    acting_user,
    initiative,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
    today=None,
    **values,
):
    """File a status report on an initiative that is not completed or stopped."""
    today = today or timezone.localdate()
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    errors = {}
    if not current.takes_status_reports:
        errors[NON_FIELD_ERRORS] = _("A completed or stopped initiative takes no status reports.")
    reported_on = values.get("reported_on")
    if isinstance(reported_on, datetime.date) and reported_on > today:
        errors["reported_on"] = _("The report date must not be in the future.")
    progress = values.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    report = StatusReport.objects.create(
        initiative=current,
        author=acting_user,
        **{k: values[k] for k in STATUS_REPORT_FIELDS if k in values},
    )
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE,
        obj=report,
        **_audit_kwargs(audit_source, audit_label),
    )
    refresh_derived_state(current)
    return report


# Roll-out per body -------------------------------------------------------------------------


@transaction.atomic
def set_initiative_rollout(
    *,
    acting_user,
    initiative,
    body,
    status,
    since=None,
    note="",
    today=None,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
):
    """Record where a shared initiative stands in one of its participating bodies.

    Unlike the rest of the register, the action checks the right itself: a municipality
    editor may set their own body's status on an initiative they could not otherwise edit.
    """
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not permissions.can_set_initiative_rollout(acting_user, current, body):
        raise PermissionDenied
    errors = {}
    if not current.participating_bodies.filter(pk=body.pk).exists():
        errors[NON_FIELD_ERRORS] = _("%(body)s does not take part in this initiative.") % {
            "body": body.name
        }
    if status not in RolloutStatus.values:
        errors["status"] = _("Choose a status.")
    if since is not None and since > (today or timezone.localdate()):
        errors["since"] = _("The date must not be in the future.")
    note = (note or "").strip()
    if len(note) > InitiativeRollout._meta.get_field("note").max_length:
        errors["note"] = _("The note is too long (at most 500 characters).")
    if errors:
        raise ValidationError(errors)
    rollout = (
        InitiativeRollout.objects.select_for_update().filter(initiative=current, body=body).first()
    )
    if rollout is None:
        rollout = InitiativeRollout.objects.create(
            initiative=current, body=body, status=status, since=since, note=note
        )
        record_change(
            actor=acting_user,
            action=AuditEntry.Action.CREATE,
            obj=rollout,
            **_audit_kwargs(audit_source, audit_label),
        )
        return rollout
    before = snapshot(rollout)
    rollout.status, rollout.since, rollout.note = status, since, note
    rollout.save()
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=rollout,
        before=before,
        **_audit_kwargs(audit_source, audit_label),
    )
    return rollout
