"""Council decisions followed to implementation (Beschlusscontrolling of the council)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CouncilDecision(models.Model):
    """A council's or committee's resolution on a paper, and how far it is implemented.

    The resolution is an agenda item's result on a paper; `consultation` names both.
    """

    class State(models.TextChoices):
        OPEN = "OPEN", _("Not started")
        IN_PROGRESS = "IN_PROGRESS", _("In progress")
        DELAYED = "DELAYED", _("Delayed")
        DONE = "DONE", _("Implemented")
        OBSOLETE = "OBSOLETE", _("No longer pursued")

    consultation = models.OneToOneField(
        "papers.Consultation",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="council_decision",
    )
    text = models.TextField(_("resolution"))
    decided_on = models.DateField(_("decided on"))
    state = models.CharField(_("implementation"), max_length=16, choices=State, default=State.OPEN)
    owner_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_decisions",
    )
    owner_person = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_decisions",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    delay_reason = models.TextField(_("reason for the delay"), blank=True)
    done_on = models.DateField(_("implemented on"), null=True, blank=True)
    initiatives = models.ManyToManyField(
        "portfolio.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="council_decisions",
    )
    action_items = models.ManyToManyField(
        "governance.ActionItem",
        verbose_name=_("action items"),
        blank=True,
        related_name="council_decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        indexes = [models.Index(fields=["state", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="DONE") | Q(done_on__isnull=False),
                name="implemented_decision_has_date",
                violation_error_message=_("Give the date on which it was implemented."),
            ),
            models.CheckConstraint(
                condition=~Q(state="DELAYED") | ~Q(delay_reason=""),
                name="delayed_decision_has_reason",
                violation_error_message=_("Give the reason for the delay."),
            ),
        ]

    def __str__(self):
        return str(self.consultation.paper)

    def get_absolute_url(self):
        return reverse("council:decision_detail", args=[self.pk])
