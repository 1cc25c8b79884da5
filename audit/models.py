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

    class Source(models.TextChoices):
        WEB = "WEB", _("web application")
        ADMIN = "ADMIN", _("administration")
        IMPORT = "IMPORT", _("import")
        SYSTEM = "SYSTEM", _("system")

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
