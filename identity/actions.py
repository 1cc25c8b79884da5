"""State changes of the identity app. Each is atomic and writes its audit entry."""

from django.db import transaction

from audit.models import AuditEntry
from audit.recording import record_change, snapshot


@transaction.atomic
def apply_assignment(*, acting_user, user, assignment, source_label):
    """Give `user` the role, body and unit of `assignment` at a login through an identity
    provider or directory (`source_label` names it in the audit trail). Administrators get the
    Django admin (`is_staff`), everyone else loses it; nothing is written when nothing changed.
    """
    before = snapshot(user)
    user.role = assignment.role
    user.body = assignment.body
    user.org_unit = assignment.org_unit
    user.is_staff = assignment.role == user.Role.ADMINISTRATOR
    if snapshot(user) == before:
        return user
    user.full_clean(exclude=["password"], validate_unique=False)
    user.save(update_fields=["role", "body", "org_unit", "is_staff"])
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.UPDATE,
        obj=user,
        before=before,
        source=AuditEntry.Source.SYSTEM,
        label=source_label,
    )
    return user
