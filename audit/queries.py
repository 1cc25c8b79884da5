"""Reading the audit trail for display: entries of an object and its parts, with labels."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext

from .models import AuditEntry


@dataclass(frozen=True)
class DisplayedChange:
    label: str
    old: str
    new: str


def last_change_at():
    """When anything last changed: every change is audited (web, admin, import, jobs), so the
    newest audit entry dates every page built from the data. One indexed query."""
    return AuditEntry.objects.aggregate(last=Max("created_at"))["last"]


def _display_value(field, value):
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    kind = field.get_internal_type() if field is not None else ""
    if kind == "DateField":
        return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if kind == "DateTimeField":
        moment = timezone.localtime(datetime.datetime.fromisoformat(value))
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    return str(value)


def displayed_changes(entry):
    """The entry's changes with verbose field names and readable values, in field order."""
    model = apps.get_model(entry.subject_type.app_label, entry.subject_type.model)
    result = []
    for name, (old, new) in entry.changes.items():
        try:
            field = model._meta.get_field(name)
            label = str(field.verbose_name)
        except FieldDoesNotExist:
            field, label = None, name
        result.append(
            DisplayedChange(
                label=label[:1].upper() + label[1:],
                old=_display_value(field, old),
                new=_display_value(field, new),
            )
        )
    return result


def audit_entries_for(obj, *, limit=200):
    """Newest first: the entries of `obj` and of every object whose scope is `obj`."""
    scope_type = ContentType.objects.get_for_model(type(obj))
    entries = list(
        AuditEntry.objects.filter(scope_type=scope_type, scope_id=str(obj.pk))
        .select_related("subject_type")
        .order_by("-created_at", "-id")[:limit]
    )
    for entry in entries:
        entry.displayed_changes = displayed_changes(entry)
    return entries
