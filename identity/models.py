from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User, role_scope_constraints


class GroupRule(models.Model):
    """Gives the members of a group of the identity provider or directory a role in smartkreis.

    A user's groups are matched against the rules of their login's source in `position` order;
    the first rule whose group the user is in decides role, body and unit. A user in no ruled
    group is refused: smartkreis never guesses a role.
    """

    class Source(models.TextChoices):
        OIDC = "OIDC", _("single sign-on (OpenID Connect)")
        LDAP = "LDAP", _("directory (LDAP / Active Directory)")

    source = models.CharField(_("source"), max_length=8, choices=Source)
    group = models.CharField(
        _("group"),
        max_length=500,
        help_text=_(
            "The group as the source names it: a value of the group or role claim, or the "
            "distinguished name of a directory group. Compared without regard to case."
        ),
    )
    role = models.CharField(_("role"), max_length=32, choices=User.Role)
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
    position = models.PositiveIntegerField(
        _("position"), default=100, help_text=_("Rules with a lower position are tried first.")
    )

    class Meta:
        verbose_name = _("group rule")
        verbose_name_plural = _("group rules")
        ordering = ["source", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                "source",
                models.functions.Lower("group"),
                name="group_rule_unique_group_per_source",
                violation_error_message=_("There is already a rule for this group."),
            ),
            *role_scope_constraints(name_prefix="group_rule_"),
        ]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()}"


class ExternalAccount(models.Model):
    """A user's account at the identity provider or in the directory, matched by its stable
    identifier (the `sub` claim or a configured claim; the directory entry's GUID or DN), never
    by e-mail. When the source disables or removes the account, `disabled_at` says since when,
    and the user can no longer log in through it."""

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="external_accounts",
    )
    source = models.CharField(_("source"), max_length=8, choices=GroupRule.Source)
    issuer = models.CharField(
        _("issuer"),
        max_length=500,
        help_text=_("The identity provider's issuer URL, or the directory's server address."),
    )
    subject = models.CharField(_("identifier at the source"), max_length=500)
    groups = models.JSONField(_("groups at the last login"), default=list, blank=True)
    last_login_at = models.DateTimeField(_("last login through the source"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled at the source since"), null=True, blank=True)
    disabled_reason = models.CharField(
        pgettext_lazy("disabled account", "reason"), max_length=200, blank=True
    )
    # Whether marking the account disabled deactivated its user, so that the source's
    # reactivation gives back only what the source took (not a manager's own deactivation).
    deactivated_user = models.BooleanField(_("user deactivated for it"), default=False)

    class Meta:
        verbose_name = _("external account")
        verbose_name_plural = _("external accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "issuer", "subject"], name="external_account_unique_subject"
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.subject}"


class ProviderSession(models.Model):
    """A smartkreis session opened by a login through the identity provider, with the
    provider's session id (`sid`), so that the provider's back-channel logout can end it."""

    account = models.ForeignKey(
        ExternalAccount,
        verbose_name=_("external account"),
        on_delete=models.CASCADE,
        related_name="provider_sessions",
    )
    session_key = models.CharField(_("session"), max_length=40, unique=True)
    sid = models.CharField(_("session at the identity provider"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("session through the identity provider")
        verbose_name_plural = _("sessions through the identity provider")
        indexes = [models.Index(fields=["account", "sid"], name="provider_session_sid")]

    def __str__(self):
        return f"{self.account}: {self.sid or self.session_key[:8]}"
