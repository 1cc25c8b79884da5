"""What smartkreis sends and publishes to people: mails (kept until the server accepted them)
and personal calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A mail smartkreis sends (invitations, reminders), kept until the server accepted it.

    A failing mail server loses nothing: the mail stays pending, is retried, and the staff
    unit sees the failure. `dedup_key` makes reminder runs idempotent.
    """

    class State(models.TextChoices):
        PENDING = "PENDING", _("waiting to be sent")
        SENT = "SENT", _("sent")
        FAILED = "FAILED", _("failed, will be retried")

    dedup_key = models.CharField(max_length=200, unique=True)
    recipients = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # [{"filename": ..., "content_type": ..., "content": text}] e.g. the .ics invitation.
    attachments = models.JSONField(default=list, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        return self.subject


def new_calendar_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's personal, secret iCal feed URL of their meetings; renewing it revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user}"
