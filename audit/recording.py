"""Writing audit entries. Every action that changes a recorded object calls `record_change`.

Values are stored as JSON-friendly text: foreign keys as the related object's name (so the
history stays readable after it is deleted), many-to-many fields as sorted lists of names,
choices as their stored code (shown with their label when displayed), dates in ISO format.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

# Bookkeeping fields that say nothing to a reader of the history.
ALWAYS_EXCLUDED = frozenset(
    {"id", "version", "created_at", "updated_at", "created", "modified", "password"}
)


def _excluded_fields(model):
    return ALWAYS_EXCLUDED | set(getattr(model, "audit_exclude_fields", ()))


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def snapshot(obj):
    """The recorded values of `obj` as a dict of field name to JSON-friendly value."""
    excluded = _excluded_fields(type(obj))
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in excluded:
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            values[field.name] = None if related_id is None else str(getattr(obj, field.name))
        else:
            values[field.name] = _plain(getattr(obj, field.attname))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            if field.name not in excluded:
                values[field.name] = sorted(str(item) for item in getattr(obj, field.name).all())
    return values


def _diff(before, after):
    keys = list(dict.fromkeys([*before, *after]))
    return {
        key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)
    }


def record_change(*, actor, action, obj, before=None, source=AuditEntry.Source.WEB, label=""):
    """Write the audit entry for a create, update or delete of `obj`.

    `before` is the `snapshot` taken before an update or delete; `actor` may be None for imports
    and system jobs, then `label` names them (e.g. "Demo-Import"). An update that changed no
    recorded value writes nothing and returns None.
    """
    if action == AuditEntry.Action.CREATE:
        changes = _diff({}, snapshot(obj))
    elif action == AuditEntry.Action.UPDATE:
        changes = _diff(before or {}, snapshot(obj))
        if not changes:
            return None
    else:
        changes = _diff(before if before is not None else snapshot(obj), {})

    scope = obj.audit_scope() if hasattr(obj, "audit_scope") else obj
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=str(actor) if actor is not None else (label or AuditEntry.Source(source).label),
        source=source,
        action=action,
        subject_type=ContentType.objects.get_for_model(type(obj)),
        subject_id=str(obj.pk),
        subject_repr=str(obj)[:300],
        scope_type=ContentType.objects.get_for_model(type(scope)) if scope is not None else None,
        scope_id=str(scope.pk) if scope is not None else "",
        changes=changes,
    )


def record_account_event(
    *, action, user=None, username="", actor=None, address=None, way_in="", reason=""
):
    """Write the audit entry of an event of an account: a login, failed login, logout, or a
    change of its password or second factor.

    `user` is the account (None for a failed login with a user name nobody has: then
    `username` names what was tried); `actor` is who did it, the user themselves unless given.
    """
    actor = actor if actor is not None else user
    user_type = ContentType.objects.get_for_model(get_user_model())
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(str(actor) if actor is not None else username)[:200],
        source=AuditEntry.Source.WEB,
        action=action,
        subject_type=user_type,
        subject_id=str(user.pk) if user is not None else "",
        subject_repr=(str(user) if user is not None else username)[:300],
        scope_type=user_type if user is not None else None,
        scope_id=str(user.pk) if user is not None else "",
        address=address,
        way_in=way_in,
        reason=reason,
    )
