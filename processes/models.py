"""Business process analysis (Geschäftsprozessanalyse): the processes of each unit, what
they cost today and what digitisation would save."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class BusinessProcess(models.Model):
    """A business process of a unit, analysed for the time digitisation would save."""

    class Digitisation(models.TextChoices):
        PAPER = "PAPER", _("On paper")
        PARTLY = "PARTLY", _("Partly digital")
        DIGITAL = "DIGITAL", _("Digital with media breaks")
        END_TO_END = "END_TO_END", _("Digital end to end")

    org_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        related_name="business_processes",
    )
    name = models.CharField(_("process"), max_length=300)
    service = models.ForeignKey(
        "online_services.OZGService",
        verbose_name=_("OZG service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_processes",
    )
    cases_per_year = models.PositiveIntegerField(_("cases per year"))
    minutes_per_case = models.DecimalField(_("minutes per case"), max_digits=7, decimal_places=1)
    target_minutes_per_case = models.DecimalField(
        _("minutes per case in the target state"), max_digits=7, decimal_places=1
    )
    media_breaks = models.PositiveSmallIntegerField(_("media breaks"), default=0)
    digitisation = models.CharField(_("digitisation"), max_length=16, choices=Digitisation)
    target_state = models.TextField(_("target state"), blank=True)
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("topic submission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_processes",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("business process")
        verbose_name_plural = _("business processes")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "name"], name="unique_process_per_unit"),
            models.CheckConstraint(
                condition=Q(target_minutes_per_case__lte=F("minutes_per_case")),
                name="target_not_slower",
                violation_error_message=_(
                    "The target state cannot take longer per case than today."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def saving_hours_per_year(self):
        """Estimated hours a year the target state saves: cases × minutes saved per case."""
        return (self.minutes_per_case - self.target_minutes_per_case) * self.cases_per_year / 60
