"""What the job pages show: one job with its progress, the queue for the staff unit, and the
OParl sources with their schedules and latest imports."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from online_services.excel import LevelChange, RowError
from oparl_import.models import OParlSource

from .kinds import KINDS
from .models import Job
from .permissions import may_download

QUEUE_PAGE_SIZE = 50


def import_pending(source):
    return Job.objects.filter(
        kind=Job.Kind.OPARL_IMPORT,
        params__source=source.pk,
        state__in=[Job.State.QUEUED, Job.State.RUNNING],
    ).exists()


def job_with_key_exists(once_key):
    return Job.objects.filter(once_key=once_key).exists()


@dataclass(frozen=True)
class ImportResult:
    """An Excel import's report as online_services/_import_report.html shows it."""

    applied: bool
    valid_rows: int
    changes: list
    errors: list
    level_changes: list


def _import_result(report):
    return ImportResult(
        applied=report["applied"],
        valid_rows=report["valid_rows"],
        changes=report["changes"],
        errors=[RowError(**error) for error in report["errors"]],
        level_changes=[
            LevelChange(
                **{**change, "assessed_on": datetime.date.fromisoformat(change["assessed_on"])}
            )
            for change in report["level_changes"]
        ],
    )


@dataclass(frozen=True)
class JobPage:
    job: Job
    measured: bool
    can_download: bool
    # How long a job's file is kept, for the page of a job whose file is gone.
    result_days: int
    import_result: ImportResult | None = None


def job_page(user, job):
    kind = KINDS.get(job.kind)
    done = job.state == Job.State.DONE
    return JobPage(
        job=job,
        measured=kind is not None and kind.measured,
        can_download=done and may_download(user, job),
        result_days=settings.TASKS_RESULT_DAYS,
        import_result=(
            _import_result(job.report)
            if done and job.kind == Job.Kind.BODY_IMPORT and job.report
            else None
        ),
    )


@dataclass(frozen=True)
class QueueRow:
    job: Job
    age: object


def queue_overview(*, state=""):
    """The newest jobs (of `state`, if one is given) and how many jobs each state has."""
    jobs = Job.objects.select_related("started_by")
    if state in Job.State.values:
        jobs = jobs.filter(state=state)
    now = timezone.now()
    counts = Job.objects.aggregate(
        **{value: Count("pk", filter=Q(state=value)) for value in Job.State.values}
    )
    return {
        "rows": [QueueRow(job, now - job.created_at) for job in jobs[:QUEUE_PAGE_SIZE]],
        "counts": [(Job.State(value), counts[value]) for value in Job.State.values],
        "state": state if state in Job.State.values else "",
    }


@dataclass(frozen=True)
class SourceRow:
    source: OParlSource
    hour: int | None
    next_run_at: object
    latest_job: Job | None


def import_sources():
    """Every OParl source, with its schedule and its latest import job: three queries however
    many imports the sources have had."""
    latest_job = (
        # The job names its source by id in its JSON parameters; compared as text, which
        # SQLite and PostgreSQL agree on.
        Job.objects.annotate(source_id=KeyTextTransform("source", "params"))
        .filter(kind=Job.Kind.OPARL_IMPORT, source_id=Cast(OuterRef("pk"), CharField()))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    sources = list(
        OParlSource.objects.select_related("schedule")
        .annotate(latest_job_id=Subquery(latest_job))
        .order_by("name", "system_url")
    )
    jobs = Job.objects.in_bulk([source.latest_job_id for source in sources if source.latest_job_id])
    rows = []
    for source in sources:
        schedule = getattr(source, "schedule", None)
        rows.append(
            SourceRow(
                source=source,
                hour=schedule.hour if schedule else None,
                next_run_at=schedule.next_run_at if schedule else None,
                latest_job=jobs.get(source.latest_job_id),
            )
        )
    return rows
