"""Administrative services online (Onlinezugangsgesetz, OZG) per body, and shared solutions.

The catalogue (Themenfelder, Lebenslagen, OZG-Leistungen, LeiKa-Leistungen) is imported from
the OZG catalogue; keys are strings (leading zeros, 14-digit LeiKa keys). `catalogue_id` is the
row's id in the source, so a re-import updates rows, including those without a LeiKa key.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceTopic(models.Model):
    """An OZG Themenfeld, e.g. "Bauen & Wohnen"."""

    catalogue_id = models.PositiveIntegerField(_("catalogue id"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("OZG topic")
        verbose_name_plural = _("OZG topics")

    def __str__(self):
        return self.name


class LifeSituation(models.Model):
    """An OZG Lebenslage (for businesses: Geschäftslage), e.g. "Umzug"."""

    catalogue_id = models.PositiveIntegerField(_("catalogue id"), unique=True)
    topic = models.ForeignKey(
        ServiceTopic,
        verbose_name=_("OZG topic"),
        on_delete=models.PROTECT,
        related_name="life_situations",
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")

    def __str__(self):
        return self.name


class OZGService(models.Model):
    """An OZG-Leistung: a bundle of administrative services with its OZG-ID."""

    catalogue_id = models.PositiveIntegerField(_("catalogue id"), unique=True)
    ozg_id = models.CharField(_("OZG ID"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    topic = models.ForeignKey(
        ServiceTopic, verbose_name=_("OZG topic"), on_delete=models.PROTECT, related_name="services"
    )
    life_situation = models.ForeignKey(
        LifeSituation,
        verbose_name=_("life situation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )

    class Meta:
        verbose_name = _("OZG service")
        verbose_name_plural = _("OZG services")

    def __str__(self):
        return f"{self.name} ({self.ozg_id})"


class LeikaService(models.Model):
    """A service of the Leistungskatalog (LeiKa), with its 14-digit key where it has one."""

    class Responsibility(models.TextChoices):
        # LeiKa types: who regulates and who executes.
        FEDERAL = "FEDERAL", _("Federal")
        STATE = "STATE", pgettext_lazy("responsibility", "State")
        MUNICIPAL = "MUNICIPAL", _("Municipal")

    catalogue_id = models.PositiveIntegerField(_("catalogue id"), unique=True)
    leika_key = models.CharField(_("LeiKa key"), max_length=14, blank=True, db_index=True)
    has_leika_key = models.BooleanField(_("in the LeiKa"), default=True)
    name = models.CharField(_("name"), max_length=500)
    leika_type = models.CharField(_("LeiKa type"), max_length=20, blank=True)
    responsibility = models.CharField(
        _("responsibility"), max_length=16, choices=Responsibility, blank=True
    )
    ozg_service = models.ForeignKey(
        OZGService,
        verbose_name=_("OZG service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leika_services",
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)

    class Meta:
        verbose_name = _("LeiKa service")
        verbose_name_plural = _("LeiKa services")
        constraints = [
            models.CheckConstraint(
                condition=Q(has_leika_key=False, leika_key="")
                | Q(has_leika_key=True) & ~Q(leika_key=""),
                name="leika_key_present_when_in_leika",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.leika_key or _('not in the LeiKa')})"


class MaturityModel(models.Model):
    """A maturity model as data: OZG model 1.1 (levels 0–4) or 2.0 (levels 0–7, 13 criteria)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("maturity model")
        verbose_name_plural = _("maturity models")

    def __str__(self):
        return self.name


class MaturityLevel(models.Model):
    model = models.ForeignKey(
        MaturityModel,
        verbose_name=_("maturity model"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("maturity level")
        verbose_name_plural = _("maturity levels")
        constraints = [
            models.UniqueConstraint(fields=["model", "level"], name="unique_maturity_level"),
        ]

    def __str__(self):
        return f"{self.level} – {self.name}"


class MaturityCriterion(models.Model):
    model = models.ForeignKey(
        MaturityModel,
        verbose_name=_("maturity model"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("maturity criterion")
        verbose_name_plural = _("maturity criteria")
        constraints = [
            models.UniqueConstraint(fields=["model", "code"], name="unique_maturity_criterion"),
        ]

    def __str__(self):
        return self.name


class SharedSolution(models.Model):
    """A solution several bodies use: the Bürgerportal of civitec, an EfA service, a product."""

    class Kind(models.TextChoices):
        PORTAL = "PORTAL", _("Service portal")
        EFA = "EFA", _("EfA service (one for all)")
        PRODUCT = "PRODUCT", _("Software product")
        OTHER = "OTHER", _("Other solution")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True)
    services = models.ManyToManyField(
        OZGService, verbose_name=_("OZG services"), blank=True, related_name="solutions"
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_solutions",
    )

    class Meta:
        verbose_name = _("shared solution")
        verbose_name_plural = _("shared solutions")

    def __str__(self):
        return self.name


class RolloutStatus(models.TextChoices):
    PLANNED = "PLANNED", _("Planned")
    IN_PROGRESS = "IN_PROGRESS", _("In progress")
    LIVE = "LIVE", _("Live")
    STOPPED = "STOPPED", _("Stopped")


class SolutionRollout(models.Model):
    """Where a shared solution stands in one body."""

    solution = models.ForeignKey(
        SharedSolution,
        verbose_name=_("solution"),
        on_delete=models.CASCADE,
        related_name="rollouts",
    )
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="solution_rollouts",
    )
    status = models.CharField(_("status"), max_length=16, choices=RolloutStatus)
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("roll-out")
        verbose_name_plural = _("roll-outs")
        constraints = [
            models.UniqueConstraint(fields=["solution", "body"], name="one_rollout_per_body"),
        ]

    def __str__(self):
        return f"{self.solution} – {self.body}"

    def audit_scope(self):
        return self.solution


class ServiceOffer(models.Model):
    """A body's online offer of an OZG service: status, platform, maturity, use."""

    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("Planned")
        IN_PROGRESS = "IN_PROGRESS", _("In progress")
        ONLINE = "ONLINE", _("Online")

    class Platform(models.TextChoices):
        CIVITEC_PORTAL = "CIVITEC_PORTAL", _("Bürgerportal (civitec)")
        STATE_PORTAL = "STATE_PORTAL", _("State portal")
        OWN = "OWN", _("Own solution")
        EFA = "EFA", _("EfA service")

    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="service_offers",
    )
    service = models.ForeignKey(
        OZGService, verbose_name=_("OZG service"), on_delete=models.PROTECT, related_name="offers"
    )
    leika_service = models.ForeignKey(
        LeikaService,
        verbose_name=_("LeiKa service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status)
    platform = models.CharField(_("platform"), max_length=16, choices=Platform, blank=True)
    solution = models.ForeignKey(
        SharedSolution,
        verbose_name=_("shared solution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )
    online_since = models.DateField(_("online since"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    cases_per_year = models.PositiveIntegerField(_("cases per year"), null=True, blank=True)
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_offers",
    )
    # The latest assessment's level, kept by the actions so lists filter and count in SQL.
    current_level = models.PositiveSmallIntegerField(_("maturity level"), null=True, blank=True)
    current_model = models.ForeignKey(
        MaturityModel,
        verbose_name=_("maturity model"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("online offer")
        verbose_name_plural = _("online offers")
        constraints = [
            models.UniqueConstraint(fields=["body", "service"], name="one_offer_per_body_service"),
        ]
        indexes = [models.Index(fields=["service", "status"])]

    def __str__(self):
        return f"{self.service.name} – {self.body}"


class MaturityAssessment(models.Model):
    """An assessment of an offer's maturity; the history is kept, the latest counts."""

    offer = models.ForeignKey(
        ServiceOffer,
        verbose_name=_("online offer"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    model = models.ForeignKey(
        MaturityModel, verbose_name=_("maturity model"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    assessed_on = models.DateField(_("assessed on"))
    criteria_met = models.ManyToManyField(
        MaturityCriterion, verbose_name=_("criteria met"), blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        indexes = [models.Index(fields=["offer", "assessed_on"])]

    def __str__(self):
        return f"{self.offer}: {self.level} ({self.assessed_on})"

    def audit_scope(self):
        return self.offer
