"""What a German public body must publish beside its portal: the imprint (Impressum), the
privacy notice (Datenschutzerklärung), the accessibility statement (Erklärung zur
Barrierefreiheit) and the feedback on barriers that the statement invites (each a case the staff
unit answers within one month)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LegalText(models.Model):
    """The imprint or the privacy notice, edited by administrators in the app.

    The text is plain text with the little markup of legal.markup (headings, lists, links),
    never HTML. `version` counts the revisions and refuses a stale save; the audit trail keeps
    every revision's old and new text.
    """

    class Kind(models.TextChoices):
        IMPRINT = "IMPRINT", _("Imprint")
        PRIVACY = "PRIVACY", _("Privacy notice")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind, unique=True)
    text = models.TextField(_("text"))
    # The "Stand" the public page shows: the day of the last revision.
    revised_on = models.DateField(_("as of"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")

    def __str__(self):
        return self.get_kind_display()


class AccessibilityStatement(models.Model):
    """The accessibility statement of the portal, after the EU model statement (Implementing
    Decision (EU) 2018/1523) as BITV 2.0 § 7 and the Länder's rules (NRW: BITVNRW) ask for it.
    There is one; it is edited by administrators."""

    class Compliance(models.TextChoices):
        FULL = "FULL", _("fully compliant")
        PARTIAL = "PARTIAL", _("partially compliant")
        NONE = "NONE", _("not compliant")

    operator = models.CharField(_("public body"), max_length=200)
    standard = models.CharField(_("standard"), max_length=300)
    compliance = models.CharField(_("state of compliance"), max_length=16, choices=Compliance)
    known_gaps = models.TextField(_("content that is not accessible"), blank=True)
    method = models.TextField(_("method of assessment"))
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"))
    contact = models.TextField(_("feedback contact"))
    enforcement = models.TextField(_("enforcement procedure"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="one_accessibility_statement"),
            models.CheckConstraint(
                condition=Q(reviewed_on__gte=models.F("prepared_on")),
                name="accessibility_statement_reviewed_after_prepared",
            ),
        ]

    def __str__(self):
        return str(_("Accessibility statement"))


class Feedback(models.Model):
    """A message sent through the accessibility feedback form: a case the staff unit answers
    by `due_date`, one month after receipt. Anonymous unless the sender gives an address; the
    sender's IP address is not kept."""

    class State(models.TextChoices):
        OPEN = "OPEN", _("open")
        ANSWERED = "ANSWERED", _("answered")
        CLOSED = "CLOSED", _("closed")

    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_date = models.DateField(_("answer due"))
    message = models.TextField(_("message"))
    page_address = models.CharField(_("page or content concerned"), max_length=500, blank=True)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    close_note = models.TextField(_("note on closing"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("feedback on accessibility")
        verbose_name_plural = _("feedback on accessibility")
        indexes = [models.Index(fields=["state", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="ANSWERED") | Q(answered_on__isnull=False),
                name="answered_feedback_has_answer_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="CLOSED") | Q(closed_on__isnull=False),
                name="closed_feedback_has_close_date",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("legal:feedback_detail", args=[self.pk])

    @property
    def reference(self):
        """The case's number for the sender and the staff unit, e.g. BF-2026-00012."""
        return f"BF-{timezone.localtime(self.received_at).year}-{self.pk:05d}"

    @property
    def received_on(self):
        return timezone.localdate(self.received_at)

    def is_overdue(self, today):
        return self.state == self.State.OPEN and self.due_date < today
