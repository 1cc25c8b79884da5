from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


def role_scope_constraints(name_prefix=""):
    """What every assignment of a role (a user's, a group rule's) keeps: a unit editor has an
    organisational unit, a municipality editor a body."""
    return [
        models.CheckConstraint(
            condition=~Q(role="UNIT_EDITOR") | Q(org_unit__isnull=False),
            name=f"{name_prefix}unit_editor_has_unit",
            violation_error_message=_("A unit editor needs an organisational unit."),
        ),
        models.CheckConstraint(
            condition=~Q(role="MUNICIPALITY_EDITOR") | Q(body__isnull=False),
            name=f"{name_prefix}municipality_editor_has_body",
            violation_error_message=_("A municipality editor needs a body."),
        ),
    ]


class User(AbstractUser):
    """A person who logs in. Their role decides what they may read and change."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
        STAFF_UNIT = "STAFF_UNIT", _("Staff unit for digitalisation")
        UNIT_EDITOR = "UNIT_EDITOR", _("Unit editor")
        MUNICIPALITY_EDITOR = "MUNICIPALITY_EDITOR", _("Municipality editor")
        READER = "READER", _("Reader")

    role = models.CharField(_("role"), max_length=32, choices=Role, default=Role.READER)
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The county, municipality or association the user works for."),
    )
    org_unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    person = models.OneToOneField(
        "organisations.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )
    manages_body_users = models.BooleanField(
        _("manages the users of their body"),
        default=False,
        help_text=_(
            "May invite, change and deactivate the users of their own body (e.g. a "
            "municipality's own administrator)."
        ),
    )
    # Raised by "log out everywhere": the session auth hash includes it, so every session
    # made before no longer authenticates, whatever the session store.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    audit_exclude_fields = ("session_generation", "last_login")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            *role_scope_constraints(),
            models.CheckConstraint(
                condition=Q(manages_body_users=False) | Q(body__isnull=False),
                name="body_user_manager_has_body",
                violation_error_message=_("Who manages the users of a body needs a body."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        if not self.session_generation:
            # Django's own hash, so sessions made before this field existed stay valid.
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_administrator(self):
        return self.is_active and (self.is_superuser or self.role == self.Role.ADMINISTRATOR)

    @property
    def is_staff_unit(self):
        """Administrators and the staff unit may edit everything in the register."""
        return self.is_administrator or (self.is_active and self.role == self.Role.STAFF_UNIT)

    @property
    def is_internal(self):
        """Every active, logged-in user with a role reads internal data (within their scope)."""
        return self.is_authenticated and self.is_active
