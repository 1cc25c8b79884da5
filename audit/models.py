from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One create, change or delete of a recorded object: who, when, old and new values.

    `subject` is the object that changed; `scope` is the object whose page shows the entry
    (a milestone's entries appear on its initiative's page).
    """

    class Action(models.TextChoices):
        CREATE = "CREATE", _("created")
        UPDATE = "UPDATE", _("changed")
        DELETE = "DELETE", _("deleted")
        # What happens to an account: logins and logouts, its password and second factor.
        LOGIN = "LOGIN", _("logged in")
        LOGIN_FAILED = "LOGIN_FAILED", _("login failed")
        LOGOUT = "LOGOUT", _("logged out")
        LOGOUT_ALL = "LOGOUT_ALL", _("logged out on every device")
        PASSWORD_CHANGE = "PASSWORD_CHANGE", _("password changed")
        PASSWORD_RESET = "PASSWORD_RESET", _("password reset by e-mail")
        MFA_ENABLE = "MFA_ENABLE", _("second factor set up")
        MFA_CODES = "MFA_CODES", _("new recovery codes made")
        MFA_RESET = "MFA_RESET", _("second factor reset")

    class Source(models.TextChoices):
        WEB = "WEB", _("web application")
        ADMIN = "ADMIN", _("administration")
        IMPORT = "IMPORT", _("import")
        SYSTEM = "SYSTEM", _("system")

    class WayIn(models.TextChoices):
        LOCAL = "LOCAL", _("local account")
        DIRECTORY = "DIRECTORY", _("directory")
        SSO = "SSO", _("single sign-on")

    class Reason(models.TextChoices):
        CREDENTIALS = "CREDENTIALS", _("wrong user name or password")
        SECOND_FACTOR = "SECOND_FACTOR", _("wrong or used code of the second factor")
        LOCKED = "LOCKED", _("locked after too many failed logins")
        IDLE = "IDLE", _("no activity for too long")
        # The provider or the directory knew the user, but smartkreis's rules refused them (no
        # group with a role, deactivated, an invalid answer of the provider, ...).
        SSO_REFUSED = "SSO_REFUSED", _("refused at single sign-on")
        DIRECTORY_REFUSED = "DIRECTORY_REFUSED", _("refused at the directory login")

    created_at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text so the entry still names the actor after the account is deleted.
    actor_name = models.CharField(_("changed by"), max_length=200)
    source = models.CharField(_("source"), max_length=16, choices=Source, default=Source.WEB)
    action = models.CharField(_("action"), max_length=16, choices=Action)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject_repr = models.CharField(_("object"), max_length=300)
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scope_id = models.CharField(max_length=64, blank=True)
    # {field name: [old value, new value]}, values as JSON-friendly text (see audit.recording).
    changes = models.JSONField(_("changes"), default=dict)
    # Of account events: the client's address, how the user came in, why a login failed.
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    way_in = models.CharField(_("way in"), max_length=16, choices=WayIn, blank=True)
    reason = models.CharField(_("reason for a failure"), max_length=20, choices=Reason, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["scope_type", "scope_id", "-created_at"]),
            models.Index(fields=["subject_type", "subject_id", "-created_at"]),
            models.Index(fields=["-created_at"]),
        ]

    def __str__(self):
        return f"{self.subject_repr}: {self.get_action_display()} ({self.actor_name})"
