"""Topic submissions (Themenanmeldungen) to the steering group.

Any internal user submits a topic; the staff unit prepares it (completes the facts, scores it
against the prioritisation criteria, requests the statements its flags require) until it is
ready for decision; the steering group decides it in a meeting (governance.Decision).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "SUBMITTED", _("Submitted")
        IN_PREPARATION = "IN_PREPARATION", _("In preparation")
        READY_FOR_DECISION = "READY_FOR_DECISION", _("Ready for decision")
        DECIDED = "DECIDED", _("Decided")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"))
    proposal = models.TextField(_("proposal"))
    fields = models.ManyToManyField(
        "strategy.FieldOfAction", verbose_name=_("fields of action"), related_name="topics"
    )
    affected_bodies = models.ManyToManyField(
        "organisations.Body",
        verbose_name=_("affected bodies"),
        blank=True,
        related_name="affecting_topics",
    )
    affected_units = models.ManyToManyField(
        "organisations.OrgUnit",
        verbose_name=_("affected units"),
        blank=True,
        related_name="affecting_topics",
    )
    expected_benefit = models.TextField(_("expected benefit"), blank=True)
    rough_cost = models.DecimalField(
        _("rough cost (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    legal_obligation = models.CharField(
        _("legal obligation"),
        max_length=200,
        blank=True,
        help_text=_("The law that requires it, e.g. “OZG”. Leave empty if there is none."),
    )
    touches_personal_data = models.BooleanField(_("processes personal data"), default=False)
    touches_it_security = models.BooleanField(_("affects IT security"), default=False)
    touches_working_conditions = models.BooleanField(
        _("affects staff working conditions"), default=False
    )
    touches_equality = models.BooleanField(_("affects equal opportunities"), default=False)
    touches_accessibility = models.BooleanField(
        _("affects accessibility or severely disabled staff"), default=False
    )

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="submitted_topics",
    )
    submitting_body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("submitting body"),
        on_delete=models.PROTECT,
        related_name="submitted_topics",
    )
    submitting_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("submitting unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submitted_topics",
    )
    submitted_at = models.DateTimeField(_("submitted"))
    status = models.CharField(_("status"), max_length=24, choices=Status, default=Status.SUBMITTED)
    status_changed_at = models.DateTimeField(_("status since"))
    preparation_note = models.TextField(_("notes of the staff unit"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("topic submission")
        verbose_name_plural = _("topic submissions")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("topics:topic_detail", args=[self.pk])

    @property
    def reference(self):
        return f"T-{self.pk:04d}"

    @property
    def has_hard_criterion(self):
        """A legal duty with a deadline ranks before every weighted score."""
        return bool(self.legal_obligation) and self.deadline is not None


class PriorityCriterion(models.Model):
    """A criterion of the prioritisation with its weight; the staff unit configures them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    # Cost and risk count against a topic: a high score there lowers its priority.
    lowers_priority = models.BooleanField(_("high score lowers the priority"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("prioritisation criterion")
        verbose_name_plural = _("prioritisation criteria")

    def __str__(self):
        return self.name


class TopicScore(models.Model):
    """The staff unit's score of a topic on one criterion (0 = none … 5 = very high)."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        PriorityCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["topic", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__lte=5),
                name="score_at_most_5",
                violation_error_message=_("A score is between 0 and 5."),
            ),
        ]

    def __str__(self):
        return f"{self.topic}: {self.criterion} = {self.score}"

    def audit_scope(self):
        return self.topic


class Statement(models.Model):
    """A sign-off (Beteiligung) that a topic's flags require before it can be decided."""

    class Kind(models.TextChoices):
        DATA_PROTECTION = "DATA_PROTECTION", _("Data protection officer")
        INFORMATION_SECURITY = "INFORMATION_SECURITY", _("Information security officer")
        STAFF_COUNCIL = "STAFF_COUNCIL", _("Staff council")
        EQUAL_OPPORTUNITIES = "EQUAL_OPPORTUNITIES", _("Equal opportunities officer")
        DISABILITY = "DISABILITY", _("Disability representative")

    class Result(models.TextChoices):
        AGREED = "AGREED", _("Agreed")
        AGREED_WITH_CONDITIONS = "AGREED_WITH_CONDITIONS", _("Agreed with conditions")
        CONCERNS = "CONCERNS", _("Concerns")

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="statements"
    )
    kind = models.CharField(_("from"), max_length=32, choices=Kind)
    requested_at = models.DateTimeField(_("requested"))
    result = models.CharField(_("result"), max_length=32, choices=Result, blank=True)
    text = models.TextField(_("statement"), blank=True)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The chair may let a topic go to decision without this statement, with a reason.
    override_reason = models.TextField(_("reason for deciding without it"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("waived by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(fields=["topic", "kind"], name="one_statement_per_kind"),
            models.CheckConstraint(
                condition=Q(result="") | Q(given_on__isnull=False),
                name="statement_given_has_date",
                violation_error_message=_("A statement needs the date it was given."),
            ),
        ]

    def __str__(self):
        return f"{self.topic}: {self.get_kind_display()}"

    def audit_scope(self):
        return self.topic

    @property
    def is_settled(self):
        """Given, or waived by the chair."""
        return bool(self.result) or bool(self.override_reason)
