"""Who may start jobs, follow them and fetch their results.

- A user follows the jobs they started; the staff unit (and administrators) follow every job
  and see the queue.
- A document is started by whoever may read what it shows: a report, a paper's internal
  content (its draft), a meeting's whole minutes, the council decisions (each user their own);
  its file is handed only to who started it, while they still may read that (tasks.kinds).
- OParl imports and their schedules are the staff unit's.
- Anonymous visitors are sent to the login by the views; nothing is changed on a refusal.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from governance.permissions import FULL, get_meeting_for_user
from oparl_import.models import OParlSource
from papers.permissions import can_view_internal, get_paper_for_user_or_404
from reports.permissions import get_report_for_user_or_404

from .kinds import KINDS
from .models import Job


def can_see_queue(user):
    return user.is_authenticated and user.is_active and user.is_staff_unit


def get_job_for_user_or_404(user, pk):
    job = get_object_or_404(Job.objects.select_related("started_by"), pk=pk)
    if not (can_see_queue(user) or (user.is_active and job.started_by_id == user.pk)):
        raise PermissionDenied
    return job


def may_download(user, job):
    kind = KINDS.get(job.kind)
    return bool(job.result_file) and kind is not None and kind.may_read(user, job)


def get_report_to_render_or_404(user, pk):
    return get_report_for_user_or_404(user, pk)


def get_paper_to_render_or_404(user, pk):
    """A paper whose internal content `user` reads (a draft is internal)."""
    paper = get_paper_for_user_or_404(user, pk)
    if not can_view_internal(user, paper):
        raise PermissionDenied
    return paper


def get_meeting_to_render_or_404(user, pk):
    """A meeting whose whole minutes `user` reads: its committee's members, the staff unit."""
    meeting = get_meeting_for_user(user, pk)
    if meeting.access != FULL:
        raise PermissionDenied
    return meeting


def get_source_for_staff_or_404(user, pk):
    if not can_see_queue(user):
        raise PermissionDenied
    return get_object_or_404(OParlSource.objects.select_related("schedule"), pk=pk)
