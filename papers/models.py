"""Council papers (Vorlagen, Anträge), their consultations and files.

Named after OParl: `Paper`, `Consultation`, `File` (here `PaperFile`, as `File` would shadow
Django's). Imported papers of a council information system live in the same tables, marked
by their `external_id`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartkreis.models import OParlObject


class Paper(OParlObject):
    """A paper for a council or committee: a motion, a draft resolution, an information paper."""

    class Kind(models.TextChoices):
        MOTION = "MOTION", _("Motion")
        DRAFT_RESOLUTION = "DRAFT_RESOLUTION", _("Draft resolution")
        INFORMATION = "INFORMATION", _("Information paper")
        STATEMENT = "STATEMENT", _("Statement")
        OTHER = "OTHER", _("Other paper")

    class BudgetEffect(models.TextChoices):
        INCOME = "INCOME", _("Income")
        EXPENSE = "EXPENSE", _("Expense")
        INCOME_AND_EXPENSE = "INCOME_AND_EXPENSE", _("Income and expense")

    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="papers",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind)
    # The source's own word for the kind (OParl paperType), e.g. "Beschlussvorlage".
    paper_type = models.CharField(_("type of paper"), max_length=200, blank=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    # OParl makes a paper's date optional; own papers always have one (the form asks for it).
    date = models.DateField(_("date"), null=True)
    subject = models.CharField(_("subject"), max_length=1000)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Public papers appear to visitors and in the OParl interface for council "
            "information systems once finalised, as the finalised version (never a draft). A "
            "paper made non-public later is reported there as deleted."
        ),
    )
    originator_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("originating unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
    )
    originator_organization = models.ForeignKey(
        "governance.Organization",
        verbose_name=_("originating council group or committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="originated_papers",
    )
    # The sections of a draft resolution, in the order of the county's template.
    resolution_proposal = models.TextField(_("proposed resolution"), blank=True)
    preliminary_remark = models.TextField(_("preliminary remark"), blank=True)
    explanation = models.TextField(_("facts and explanations"), blank=True)
    # Financial effects (Finanzielle Auswirkungen); None: not stated yet.
    affects_budget = models.BooleanField(_("affects the budget"), null=True, blank=True)
    budget_effect = models.CharField(
        _("income or expense"), max_length=24, choices=BudgetEffect, blank=True
    )
    budget_amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funds_available = models.BooleanField(_("funds available"), null=True, blank=True)
    unplanned_spending = models.BooleanField(
        _("unplanned or extra-budgetary spending"), null=True, blank=True
    )
    cover_proposal = models.TextField(_("cover proposal"), blank=True)
    follow_up_costs = models.TextField(_("follow-up costs"), blank=True)
    related_papers = models.ManyToManyField(
        "self", verbose_name=_("related papers"), blank=True, symmetrical=True
    )
    # E.g. the administration's paper answering a motion (OParl superordinatedPaper).
    superordinated_paper = models.ForeignKey(
        "self",
        verbose_name=_("answers / belongs to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinated_papers",
    )
    initiatives = models.ManyToManyField(
        "portfolio.Initiative", verbose_name=_("initiatives"), blank=True, related_name="papers"
    )
    # Invented reference numbers and dates of the demo are said so here (shown on the page).
    demo_note = models.CharField(_("demo note"), max_length=500, blank=True)
    # True from a finalisation until the next change: the page then shows the last version.
    is_finalised = models.BooleanField(_("finalised"), default=False)
    version = models.PositiveIntegerField(default=1)
    # What the public (visitors, OParl, municipalities) sees of an own paper: the version
    # last finalised while the paper was public, never its draft with the register's live
    # data. Unset, the paper is not published (yet).
    published_version = models.ForeignKey(
        "PaperVersion",
        verbose_name=_("published version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(OParlObject.Meta):
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        indexes = [*OParlObject.Meta.indexes, models.Index(fields=["date"])]
        constraints = [
            *OParlObject.Meta.constraints,
            models.UniqueConstraint(
                fields=["body", "reference"],
                condition=~Q(reference="") & Q(external_id=""),
                name="unique_paper_reference",
                violation_error_message=_("A paper with this reference number exists."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}".strip()

    def get_absolute_url(self):
        return reverse("papers:paper_detail", args=[self.pk])

    @property
    def kept_documents_owner(self):
        """Under which owner smartkreis.frozen keeps the files of this paper's versions."""
        return f"papers/{self.pk}"


class Consultation(OParlObject):
    """A paper's passage through a committee (Beratungsfolge; OParl Consultation)."""

    class Result(models.TextChoices):
        APPROVED = "APPROVED", _("Approved")
        APPROVED_AMENDED = "APPROVED_AMENDED", _("Approved with changes")
        REJECTED = "REJECTED", _("Rejected")
        REFERRED = "REFERRED", _("Referred")
        DEFERRED = "DEFERRED", _("Deferred")
        NOTED = "NOTED", _("Taken note of")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn")

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="consultations"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    organization = models.ForeignKey(
        "governance.Organization",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    # Before a meeting is planned the committee's session date is all that is known.
    planned_date = models.DateField(_("session date"), null=True, blank=True)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. “Vorberatung”, “Entscheidung”.")
    )
    authoritative = models.BooleanField(_("takes the decision"), default=False)
    is_public = models.BooleanField(_("public"), default=True)
    result = models.CharField(_("result"), max_length=24, choices=Result, blank=True)

    class Meta(OParlObject.Meta):
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return f"{self.paper}: {self.organization or ''}".strip()

    def audit_scope(self):
        return self.paper


def paper_file_path(instance, filename):
    return f"papers/{instance.paper_id or 'other'}/{filename}"


class PaperFile(OParlObject):
    """An attachment of a paper (OParl File): uploaded here or known from an import."""

    paper = models.ForeignKey(
        Paper,
        verbose_name=_("paper"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
    )
    name = models.CharField(_("name"), max_length=500)
    file_name = models.CharField(_("file name"), max_length=300, blank=True)
    mime_type = models.CharField(_("file type"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    content = models.FileField(_("file"), upload_to=paper_file_path, blank=True)
    access_url = models.URLField(_("address at the source"), max_length=1000, blank=True)
    # Extracted text, for the full-text search.
    text = models.TextField(_("text"), blank=True)
    is_main_file = models.BooleanField(_("main file"), default=False)
    # Set when a version of the paper is published with the file; before, an attachment of an
    # own paper is internal, like the draft it was added to.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(OParlObject.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.name

    def audit_scope(self):
        return self.paper or self.meeting


class PaperBlock(models.Model):
    """A live-data block in a paper's explanations: shows the register's current data until the
    paper is finalised; a version keeps the data as evaluated then."""

    class Kind(models.TextChoices):
        INITIATIVE_STATUS = "INITIATIVE_STATUS", _("Status quo of the initiatives of fields")
        TRAFFIC_LIGHTS = "TRAFFIC_LIGHTS", _("Traffic lights of the portfolio")
        INDICATOR_CHART = "INDICATOR_CHART", _("Indicator chart")
        STEERING_DECISIONS = "STEERING_DECISIONS", _("Decisions of the steering group")

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="blocks"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind)
    title = models.CharField(_("heading"), max_length=300)
    # INITIATIVE_STATUS/TRAFFIC_LIGHTS: {"fields": [ids]}; INDICATOR_CHART: {"indicator": id};
    # STEERING_DECISIONS: {"since": "YYYY-MM-DD"}.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("live-data block")
        verbose_name_plural = _("live-data blocks")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def audit_scope(self):
        return self.paper


class PaperVersion(models.Model):
    """A finalised, numbered, immutable version of a paper: every section and every block's
    data as it was, so it renders the same whatever happens to the register later."""

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(pgettext_lazy("of a paper", "version"))
    finalised_at = models.DateTimeField(_("finalised at"))
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    content = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("version of a paper")
        verbose_name_plural = _("versions of papers")
        ordering = ["paper", "number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="unique_paper_version")
        ]

    def __str__(self):
        return f"{self.paper} ({self.number})"

    def get_absolute_url(self):
        return reverse("papers:version_detail", args=[self.paper_id, self.number])

    def audit_scope(self):
        return self.paper


def document_template_path(instance, filename):
    return f"papers/document_templates/{filename}"


class DocumentTemplate(models.Model):
    """A corporate Word template uploaded by the administration; the active one replaces the
    default template for every paper's Word file."""

    name = models.CharField(_("name"), max_length=200)
    content = models.FileField(_("Word template (.docx)"), upload_to=document_template_path)
    is_active = models.BooleanField(_("in use"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_template"
            )
        ]

    def __str__(self):
        return self.name
