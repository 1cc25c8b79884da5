"""From a user's groups at the identity provider or directory to their role in smartkreis."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import GroupRule


@dataclass(frozen=True)
class Assignment:
    """What the first matching group rule gives a user."""

    role: str
    body: object  # organisations.Body or None
    org_unit: object  # organisations.OrgUnit or None
    rule: GroupRule


class NoMatchingGroup(Exception):
    """The user is in no group that a rule of the source names: the login is refused."""

    def __init__(self, groups):
        self.groups = list(groups)
        super().__init__(
            _(
                "Your account at the identity provider is in no group that has a role in "
                "smartkreis. Please ask the staff unit for digitalisation to give your group "
                "a role."
            )
        )


def assignment_for_groups(*, source, groups):
    """The assignment of the first rule of `source` (a GroupRule.Source) whose group is among
    `groups` (compared without regard to case); raises NoMatchingGroup when there is none."""
    wanted = {group.casefold() for group in groups if group}
    rules = GroupRule.objects.filter(source=source).select_related("body", "org_unit")
    for rule in rules:
        if rule.group.casefold() in wanted:
            return Assignment(role=rule.role, body=rule.body, org_unit=rule.org_unit, rule=rule)
    raise NoMatchingGroup(groups)
