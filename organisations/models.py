"""Bodies (county, municipalities, associations), their units over time, people, functions.

Named after OParl where it has a word: `Body`, `Person`.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from smartkreis.models import OParlObject


class Body(OParlObject):
    """A public body: the county, a municipality, an association or a municipal company."""

    class Kind(models.TextChoices):
        COUNTY = "COUNTY", _("County")
        MUNICIPALITY = "MUNICIPALITY", _("Municipality")
        ASSOCIATION = "ASSOCIATION", _("Municipal association")
        COMPANY = "COMPANY", _("Municipal company")
        OTHER = "OTHER", _("Other body")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    # "Stadt", "Gemeinde", "Kreis": the official designation (BEZ) of the key register.
    designation = models.CharField(_("designation"), max_length=60, blank=True)
    # Official municipality key (Amtlicher Gemeindeschlüssel, 8 digits) and regional key
    # (Amtlicher Regionalschlüssel, 12 digits). Strings: they have leading zeros.
    ags = models.CharField(_("official municipality key (AGS)"), max_length=8, blank=True)
    ars = models.CharField(_("official regional key (ARS)"), max_length=12, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population as of"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("For a municipality: its county."),
    )

    class Meta(OParlObject.Meta):
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            *OParlObject.Meta.constraints,
            models.UniqueConstraint(fields=["ags"], condition=~Q(ags=""), name="unique_body_ags"),
            models.UniqueConstraint(fields=["ars"], condition=~Q(ars=""), name="unique_body_ars"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_county(self):
        return self.kind == self.Kind.COUNTY

    @property
    def is_municipality(self):
        return self.kind == self.Kind.MUNICIPALITY


class OrgUnit(models.Model):
    """A unit inside a body. Units are dissolved, split and merged; the links keep the history.

    `valid_until` is the last day the unit existed; its successors start the day after.
    """

    class Kind(models.TextChoices):
        DIRECTORATE = "DIRECTORATE", _("Directorate")
        OFFICE = "OFFICE", _("Office")
        DIVISION = "DIVISION", _("Division")
        SECTION = "SECTION", _("Section")
        STAFF_UNIT = "STAFF_UNIT", _("Staff unit")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="org_units"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("predecessors"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="org_unit_valid_period",
                violation_error_message=_("A unit cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.label(kind=self.kind, number=self.number, name=self.name)

    @classmethod
    def label(cls, *, kind, number, name, kind_labels=None):
        """How a unit is named, e.g. "Amt 10 – Digitales", from its stored values.

        `kind_labels` (kind_labels() of the same language) spares a translation per unit
        where many are named at once."""
        kind_label = kind_labels[kind] if kind_labels else cls.Kind(kind).label
        prefix = f"{kind_label} {number}" if number else ""
        return f"{prefix} – {name}" if prefix else name

    @classmethod
    def kind_labels(cls):
        return {kind: str(label) for kind, label in cls.Kind.choices}

    def is_active_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Person(OParlObject):
    """A person who holds a function. The demo's people are fictitious (`is_demo`)."""

    title = models.CharField(_("academic title"), max_length=40, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("fictitious demo person"), default=False)

    class Meta(OParlObject.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self):
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)


class Function(models.Model):
    """A function in a body (Landrat, data protection officer, CDO ...) and who holds it when."""

    class Kind(models.TextChoices):
        CHIEF_EXECUTIVE = "CHIEF_EXECUTIVE", _("Chief executive")
        DEPUTY_CHIEF_EXECUTIVE = "DEPUTY_CHIEF_EXECUTIVE", _("Deputy chief executive")
        HEAD_OF_DIRECTORATE = "HEAD_OF_DIRECTORATE", _("Head of directorate")
        HEAD_OF_UNIT = "HEAD_OF_UNIT", _("Head of unit")
        CHIEF_DIGITAL_OFFICER = "CHIEF_DIGITAL_OFFICER", _("Chief Digital Officer")
        DATA_PROTECTION_OFFICER = "DATA_PROTECTION_OFFICER", _("Data protection officer")
        INFORMATION_SECURITY_OFFICER = (
            "INFORMATION_SECURITY_OFFICER",
            _("Information security officer"),
        )
        STAFF_COUNCIL = "STAFF_COUNCIL", _("Staff council")
        EQUAL_OPPORTUNITIES_OFFICER = (
            "EQUAL_OPPORTUNITIES_OFFICER",
            _("Equal opportunities officer"),
        )
        DISABILITY_REPRESENTATIVE = "DISABILITY_REPRESENTATIVE", _("Disability representative")
        DIGITAL_COORDINATOR = "DIGITAL_COORDINATOR", _("Digital coordinator")
        OTHER = "OTHER", _("Other function")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    title = models.CharField(_("function title"), max_length=200, help_text=_("E.g. “Landrat”."))
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="functions"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="functions",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="functions",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="function_valid_period",
                violation_error_message=_("A function cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.person}" if self.person_id else self.title
