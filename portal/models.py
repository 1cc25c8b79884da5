"""What the staff unit publishes on the public portal: plain-language summaries.

A goal or an initiative appears to the public only while its `Publication` is published. The
staff unit writes the summary (`draft`), and a person approves it, which publishes it: the
approved text becomes `summary`, the text the public reads. A later edit changes only the
draft until it is approved again, so the public never reads an unapproved text.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """The plain-language summary of one goal or one initiative, and whether it is public."""

    class State(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        PUBLISHED = "PUBLISHED", _("Published")

    goal = models.OneToOneField(
        "strategy.Goal",
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publication",
    )
    initiative = models.OneToOneField(
        "portfolio.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publication",
    )
    draft = models.TextField(_("plain-language summary (draft)"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written at"))
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    # The text last approved: what the public reads while the state is PUBLISHED.
    summary = models.TextField(_("published summary"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Since when it is public without a break; unpublishing clears it.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False, initiative__isnull=True)
                | Q(goal__isnull=True, initiative__isnull=False),
                name="publication_of_goal_or_initiative",
            ),
            models.CheckConstraint(
                condition=Q(state="DRAFT")
                | (
                    ~Q(summary="")
                    & Q(approved_by__isnull=False)
                    & Q(approved_at__isnull=False)
                    & Q(published_at__isnull=False)
                ),
                name="published_summary_is_approved",
            ),
        ]
        indexes = [models.Index(fields=["state", "-approved_at"])]

    def __str__(self):
        return str(self.subject)

    @property
    def subject(self):
        """The goal or initiative summarised (loaded with the publication by the queries)."""
        return self.goal if self.goal_id else self.initiative

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED

    @property
    def has_unapproved_changes(self):
        return self.draft != self.summary

    def audit_scope(self):
        return self.subject
