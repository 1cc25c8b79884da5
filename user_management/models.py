"""Invitations to smartkreis: a link by e-mail with which the invitee creates their account."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User


def new_token():
    """A fresh secret for an invitation link; only its hash (token_hash) is stored."""
    return secrets.token_urlsafe(32)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation by e-mail to create an account with the given role, body and unit.

    The link carries a random token; only its SHA-256 hash is stored, so neither the database
    nor its backups hold a usable link. Resending gives a new token (the old link stops
    working); revoking or accepting ends the invitation.
    """

    class State(models.TextChoices):
        OPEN = "OPEN", _("open")
        EXPIRED = "EXPIRED", _("expired")
        ACCEPTED = "ACCEPTED", _("accepted")
        REVOKED = "REVOKED", _("revoked")

    # The token's hash is a secret's fingerprint: it says nothing to a reader of the history.
    audit_exclude_fields = ("token_hash",)

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=32, choices=User.Role, default=User.Role.READER)
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    org_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    manages_body_users = models.BooleanField(_("manages the users of their body"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account created"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self):
        return self.email

    def audit_scope(self):
        """An accepted invitation's history belongs to the account it created."""
        return self.accepted_user if self.accepted_user_id else self

    def state_at(self, moment):
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= moment:
            return self.State.EXPIRED
        return self.State.OPEN

    @property
    def state(self):
        return self.state_at(timezone.now())

    def get_state_display(self):
        return self.State(self.state).label
