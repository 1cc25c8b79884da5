from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User


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
            models.CheckConstraint(
                condition=~Q(role="UNIT_EDITOR") | Q(org_unit__isnull=False),
                name="group_rule_unit_editor_has_unit",
                violation_error_message=_("A unit editor needs an organisational unit."),
            ),
            models.CheckConstraint(
                condition=~Q(role="MUNICIPALITY_EDITOR") | Q(body__isnull=False),
                name="group_rule_municipality_editor_has_body",
                violation_error_message=_("A municipality editor needs a body."),
            ),
        ]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()}"
