"""The register of digital initiatives (Vorhabenregister) with budgets, milestones, reports.

`Initiative.progress`, `traffic_light`, `last_report_on` and `next_report_due` are derived
values, kept current by the actions in `portfolio.actions` (from the latest status report, or
for a parent from its children), so that lists can filter and sort on them in SQL.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TrafficLight(models.TextChoices):
    GREEN = "GREEN", _("green")
    YELLOW = "YELLOW", _("yellow")
    RED = "RED", _("red")


class Initiative(models.Model):
    class Status(models.TextChoices):
        IDEA = "IDEA", _("Idea")
        PLANNED = "PLANNED", _("Planned")
        IN_PROGRESS = "IN_PROGRESS", _("In progress")
        COMPLETED = "COMPLETED", _("Completed")
        STOPPED = "STOPPED", _("Stopped")

    class Priority(models.TextChoices):
        A = "A", _("A – high")
        B = "B", _("B – medium")
        C = "C", _("C – low")

    class ReportingCycle(models.TextChoices):
        MONTHLY = "MONTHLY", _("monthly")
        QUARTERLY = "QUARTERLY", _("quarterly")
        HALF_YEARLY = "HALF_YEARLY", _("half-yearly")
        YEARLY = "YEARLY", _("yearly")
        NONE = "NONE", _("no regular reports")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    owner_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    participating_bodies = models.ManyToManyField(
        "organisations.Body",
        verbose_name=_("participating bodies"),
        blank=True,
        related_name="participating_initiatives",
    )
    fields = models.ManyToManyField(
        "strategy.FieldOfAction", verbose_name=_("fields of action"), related_name="initiatives"
    )
    goals = models.ManyToManyField(
        "strategy.Goal", verbose_name=_("goals"), blank=True, related_name="initiatives"
    )
    indicators = models.ManyToManyField(
        "strategy.Indicator", verbose_name=_("indicators"), blank=True, related_name="initiatives"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.IDEA)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("planned end"), null=True, blank=True)
    priority = models.CharField(_("priority"), max_length=1, choices=Priority, default=Priority.B)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        help_text=_("Weight of a sub-initiative in its parent's progress and traffic light."),
    )
    reporting_cycle = models.CharField(
        _("reporting cycle"),
        max_length=16,
        choices=ReportingCycle,
        default=ReportingCycle.QUARTERLY,
    )
    demo_note = models.CharField(
        _("demo note"),
        max_length=300,
        blank=True,
        help_text=_("Says which details of a demo entry are invented."),
    )

    # Derived values, maintained by portfolio.actions.
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    traffic_light = models.CharField(
        _("traffic light"), max_length=8, choices=TrafficLight, blank=True
    )
    last_report_on = models.DateField(_("last status report"), null=True, blank=True)
    next_report_due = models.DateField(_("next status report due"), null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_exclude_fields = ("progress", "traffic_light", "last_report_on", "next_report_due")

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="initiative_ends_after_start",
                violation_error_message=_("The end must not be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="initiative_progress_at_most_100"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="initiative_weight_positive"),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="initiative_not_its_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["traffic_light"]),
            models.Index(fields=["next_report_due"]),
            # The register's default order: a page of 25 without sorting every initiative.
            models.Index(fields=["title", "id"], name="initiative_title_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:initiative_detail", args=[self.pk])

    @property
    def reference(self):
        """The number staff quote in mails and papers."""
        return self.reference_of(self.pk)

    @staticmethod
    def reference_of(pk):
        return f"V-{pk:04d}"

    @property
    def takes_status_reports(self):
        return self.status not in (self.Status.COMPLETED, self.Status.STOPPED)


class InitiativeLink(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title

    def audit_scope(self):
        return self.initiative


class BudgetLine(models.Model):
    """Money for one year: own funds, or a grant from a programme covering part or all of it."""

    class FundingSource(models.TextChoices):
        OWN_FUNDS = "OWN_FUNDS", _("own funds")
        GRANT = "GRANT", _("grant")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    funding_source = models.CharField(
        _("funding"), max_length=16, choices=FundingSource, default=FundingSource.OWN_FUNDS
    )
    grant_programme = models.CharField(_("grant programme"), max_length=200, blank=True)
    grant_amount = models.DecimalField(
        _("grant (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_amount_not_negative",
                violation_error_message=_("The amount must not be negative."),
            ),
            models.CheckConstraint(
                condition=Q(grant_amount__isnull=True)
                | (Q(grant_amount__gte=0) & Q(grant_amount__lte=F("amount"))),
                name="budget_grant_within_amount",
                violation_error_message=_(
                    "The grant must not be negative or larger than the budget line."
                ),
            ),
            models.CheckConstraint(
                condition=Q(funding_source="OWN_FUNDS", grant_amount__isnull=True)
                | (Q(funding_source="GRANT", grant_amount__isnull=False) & ~Q(grant_programme="")),
                name="budget_grant_has_programme_and_amount",
                violation_error_message=_("A grant needs its programme and amount."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="budget_year_plausible",
                violation_error_message=_("Enter a year between 1990 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount} EUR"

    def audit_scope(self):
        return self.initiative


class MilestoneQuerySet(models.QuerySet):
    def pending(self):
        """Milestones not reached yet of initiatives still open (idea, planned, in progress)."""
        return self.filter(
            actual_date__isnull=True,
            initiative__status__in=(
                Initiative.Status.IDEA,
                Initiative.Status.PLANNED,
                Initiative.Status.IN_PROGRESS,
            ),
        )

    def overdue(self, today):
        return self.pending().filter(planned_date__lt=today)


class Milestone(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["planned_date"])]

    def __str__(self):
        return self.title

    def audit_scope(self):
        return self.initiative

    @property
    def is_reached(self):
        return self.actual_date is not None


class StatusReport(models.Model):
    """A dated report of the initiative's owner with traffic lights for schedule, cost, scope."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="status_reports",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_reports",
    )
    reported_on = models.DateField(_("report date"))
    schedule = models.CharField(_("schedule"), max_length=8, choices=TrafficLight)
    cost = models.CharField(_("cost"), max_length=8, choices=TrafficLight)
    scope = models.CharField(_("scope"), max_length=8, choices=TrafficLight)
    overall = models.CharField(_("overall"), max_length=8, choices=TrafficLight)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    summary = models.TextField(_("summary"))
    next_steps = models.TextField(_("next steps"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    decisions_needed = models.TextField(_("decisions needed"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="status_report_progress_at_most_100",
                violation_error_message=_("Progress is at most 100 %."),
            ),
        ]
        indexes = [models.Index(fields=["initiative", "-reported_on", "-id"])]

    def __str__(self):
        return f"{self.initiative}: {self.reported_on:%d.%m.%Y}"

    def audit_scope(self):
        return self.initiative


class RolloutStatus(models.TextChoices):
    PLANNED = "PLANNED", _("Planned")
    IN_PROGRESS = "IN_PROGRESS", _("In progress")
    LIVE = "LIVE", _("Live")
    STOPPED = "STOPPED", _("Stopped")


class InitiativeRollout(models.Model):
    """Where an initiative shared by several bodies stands in each of them."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="rollouts",
    )
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="initiative_rollouts",
    )
    status = models.CharField(_("status"), max_length=16, choices=RolloutStatus)
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status per body")
        verbose_name_plural = _("status per body")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "body"], name="one_initiative_rollout_per_body"
            ),
        ]

    def __str__(self):
        return f"{self.initiative} – {self.body}"

    def audit_scope(self):
        return self.initiative
