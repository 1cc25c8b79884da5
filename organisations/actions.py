"""Changes to the organisation: reorganisations keep their history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from smartkreis.contributions import call_apps


@transaction.atomic
def dissolve_org_unit(
    *,
    acting_user,
    unit,
    last_day,
    successors,
    initiatives_to,
    audit_source=AuditEntry.Source.WEB,
    audit_label="",
):
    """Dissolve `unit` after `last_day`: link its successors, hand its initiatives on.

    The successors must exist from the next day on; `initiatives_to` (one of them) becomes
    the new owner of the unit's initiatives, each change recorded in their history.
    """
    errors = {}
    if unit.valid_until is not None:
        errors["unit"] = _("This unit has already been dissolved.")
    if unit.valid_from and last_day < unit.valid_from:
        errors["last_day"] = _("The unit cannot end before it starts.")
    if not successors:
        errors["successors"] = _("Name at least one successor.")
    if initiatives_to is not None and initiatives_to not in successors:
        errors["initiatives_to"] = _("The new owner must be one of the successors.")
    if errors:
        raise ValidationError(errors)

    before = snapshot(unit)
    unit.valid_until = last_day
    unit.save(update_fields=["valid_until"])
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=unit,
        before=before,
        source=audit_source,
        label=audit_label,
    )
    for successor in successors:
        successor.predecessors.add(unit)
    if initiatives_to is not None:
        # The register (portfolio) hands the unit's initiatives to the successor.
        call_apps(
            "org_unit_handed_over",
            acting_user=acting_user,
            unit=unit,
            successor=initiatives_to,
            audit_source=audit_source,
            audit_label=audit_label,
        )
    return unit
