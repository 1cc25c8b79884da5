"""Progress reports (Fortschrittsberichte) of the staff unit to a committee of the council.

A draft shows the register's current data. Issuing a report freezes the traffic lights,
status and progress of its initiatives in `snapshot`, so the next report for the same committee
can say what has changed since.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        ISSUED = "ISSUED", _("Issued")

    committee = models.ForeignKey(
        "governance.Organization",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.DRAFT)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # {"initiatives": {id: {reference, title, fields, status, traffic_light, progress}}}
    snapshot = models.JSONField(_("state of the initiatives when issued"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    # The frozen state is shown by the report itself; in the history it would be noise.
    audit_exclude_fields = ("snapshot",)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["committee", "status", "-issued_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="progress_report_valid_period",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status="DRAFT") | Q(issued_on__isnull=False),
                name="issued_progress_report_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def kept_documents_owner(self):
        """Under which owner smartkreis.frozen keeps this report's public edition (portal)."""
        return f"reports/{self.pk}"

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED
