"""Bookkeeping of OParl imports: the sources, their runs, resume points and problems.

The imported data itself lives in the other apps' tables (Body, Organization, Paper ...),
marked by their `external_id`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .client import host_of


class OParlSource(models.Model):
    """A council information system's OParl endpoint, named by its System URL."""

    system_url = models.URLField(_("system URL"), max_length=1000, unique=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    # Objects are accepted only from the System URL's host and these (e.g. a separate file
    # server of the same vendor), and never when their id lies on another source's host.
    allowed_hosts = models.TextField(
        _("further allowed hosts"),
        blank=True,
        help_text=_(
            "Host names (optionally with a port), one per line, from which this source may "
            "deliver objects and redirect to, besides the host of its system URL."
        ),
    )
    # Start of the last run that finished: the next run asks only for objects modified since.
    last_success_started_at = models.DateTimeField(
        _("last successful run started"), null=True, blank=True
    )
    # Start of the first attempt of an unfinished run; a resumed run keeps it, so nothing
    # changed while the attempts were interrupted is skipped next time.
    pending_started_at = models.DateTimeField(_("unfinished run started"), null=True, blank=True)
    pending_modified_since = models.DateTimeField(
        _("unfinished run's modified since"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("OParl source")
        verbose_name_plural = _("OParl sources")

    def __str__(self):
        return self.name or self.system_url

    @property
    def host_names(self):
        """The hosts this source delivers from: its System URL's and the allowed ones."""
        return {host_of(self.system_url), *self.allowed_hosts.lower().replace(",", " ").split()}


class ListCheckpoint(models.Model):
    """Where an unfinished run continues in one of a body's object lists."""

    source = models.ForeignKey(OParlSource, on_delete=models.CASCADE, related_name="checkpoints")
    list_url = models.URLField(_("list URL"), max_length=1000)
    next_url = models.TextField(_("next page"), blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("resume point")
        verbose_name_plural = _("resume points")
        constraints = [
            models.UniqueConstraint(fields=["source", "list_url"], name="one_checkpoint_per_list")
        ]

    def __str__(self):
        return self.list_url


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "RUNNING", _("running")
        SUCCEEDED = "SUCCEEDED", _("succeeded")
        FAILED = "FAILED", _("failed")

    source = models.ForeignKey(
        OParlSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="runs"
    )
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RUNNING)
    modified_since = models.DateTimeField(_("modified since"), null=True, blank=True)
    resumed = models.BooleanField(_("resumed an interrupted run"), default=False)
    # {"papers.Paper": {"created": 3, "updated": 1, "unchanged": 7, "deleted": 0}, ...}
    counts = models.JSONField(_("counts"), default=dict)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} {self.started_at:%d.%m.%Y %H:%M}"


class ImportProblem(models.Model):
    """An object the run could not (fully) import, e.g. a reference to a missing object."""

    run = models.ForeignKey(
        ImportRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="problems"
    )
    object_id = models.CharField(_("OParl ID"), max_length=1000)
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.object_id}: {self.message}"
