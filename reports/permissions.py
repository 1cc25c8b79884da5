"""Who may read and write progress reports. Every reports view goes through these.

- Administrators and the staff unit write drafts, issue them, and read every report.
- Other internal users of the county read the issued reports.
- Users of a municipality are refused: a report shows the county's internal work (the
  steering group's decisions and action items).
- Anonymous visitors are sent to the login by the views.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from council.permissions import is_municipality_user

from .models import ProgressReport


def can_manage_reports(user):
    return user.is_authenticated and user.is_active and user.is_staff_unit


def can_read_reports(user):
    return user.is_authenticated and user.is_active and not is_municipality_user(user)


def reports_visible_to(user):
    if not can_read_reports(user):
        raise PermissionDenied
    reports = ProgressReport.objects.select_related("committee")
    if can_manage_reports(user):
        return reports
    return reports.filter(status=ProgressReport.Status.ISSUED)


def can_view_report(user, report):
    return can_manage_reports(user) or (can_read_reports(user) and report.is_issued)


def get_report_for_user_or_404(user, pk, *, manage=False):
    report = get_object_or_404(
        ProgressReport.objects.select_related("committee", "issued_by"), pk=pk
    )
    allowed = can_manage_reports(user) if manage else can_view_report(user, report)
    if not allowed:
        raise PermissionDenied
    return report
