"""Every change to a progress report: draft, edit, issue.

One function each: keyword-only, with the acting user, atomic, writing its audit entry.
Validation failures raise django.core.exceptions.ValidationError keyed by field (nothing is
saved then); an edit based on an outdated version raises one with code "stale".
Permissions are checked by the views (reports.permissions).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from governance.models import Organization
from smartkreis.contributions import call_apps

from . import content
from .models import ProgressReport

REPORT_FIELDS = ("committee", "title", "period_start", "period_end", "summary")
# Progress reports go to the council and its committees, not to internal or party groups.
RECIPIENT_KINDS = (
    Organization.Kind.COUNCIL,
    Organization.Kind.EXECUTIVE_COMMITTEE,
    Organization.Kind.COMMITTEE,
    Organization.Kind.HR_COMMITTEE,
    Organization.Kind.OTHER,
)


def _validate(values):
    errors = {}
    committee = values.get("committee")
    if committee is None:
        errors["committee"] = _("Choose the committee the report is for.")
    elif committee.kind not in RECIPIENT_KINDS:
        errors["committee"] = _("A progress report goes to the council or one of its committees.")
    start, end = values.get("period_start"), values.get("period_end")
    if start is None:
        errors["period_start"] = _("Enter the first day of the period.")
    if end is None:
        errors["period_end"] = _("Enter the last day of the period.")
    if start and end and end < start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


def default_title(committee, period_start, period_end):
    return _("Progress report on digitalisation for %(committee)s, %(start)s – %(end)s") % {
        "committee": committee.name,
        "start": formats.date_format(period_start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(period_end, "SHORT_DATE_FORMAT"),
    }


@transaction.atomic
def create_progress_report(
    *, acting_user, committee, period_start, period_end, summary="", title=""
):
    """A draft report for `committee` on the period; the title is made up if none is given."""
    values = {"committee": committee, "period_start": period_start, "period_end": period_end}
    _validate(values)
    report = ProgressReport.objects.create(
        committee=committee,
        period_start=period_start,
        period_end=period_end,
        summary=summary.strip(),
        title=title.strip() or default_title(committee, period_start, period_end),
        created_by=acting_user,
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=report)
    return report


def _lock_draft(report, expected_version=None):
    current = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if expected_version is not None and current.version != expected_version:
        message = _(
            "Someone else has changed this report since you opened the form. Reload the page "
            "to see the current state, then make your change again."
        )
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})
    if current.is_issued:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The report has been issued; it can no longer be changed.")}
        )
    return current


@transaction.atomic
def update_progress_report(*, acting_user, report, expected_version=None, **values):
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown report fields: {sorted(unknown)}")
    current = _lock_draft(report, expected_version)
    merged = {name: getattr(current, name) for name in REPORT_FIELDS} | values
    _validate(merged)
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    if not current.title:
        current.title = default_title(current.committee, current.period_start, current.period_end)
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    return current


@transaction.atomic
def issue_progress_report(*, acting_user, report, expected_version=None, today=None):
    """Issue the draft: its data is frozen from now on and the basis of the next report."""
    today = today or timezone.localdate()
    current = _lock_draft(report, expected_version)
    if current.period_start > today:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("A report on a period that has not begun cannot be issued.")}
        )
    before = snapshot(current)
    current.snapshot = content.collect(current, today=today)
    current.status = ProgressReport.Status.ISSUED
    current.issued_on = today
    current.issued_by = acting_user
    current.version += 1
    current.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=current, before=before)
    # Its public edition is kept from now on: rendered ahead of the first visitor, once this
    # transaction committed (by the apps answering the hook: tasks, for the portal).
    call_apps("progress_report_issued", report=current)
    return current
