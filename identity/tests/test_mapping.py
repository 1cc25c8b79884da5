import pytest

from accounts.models import User
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from identity.actions import apply_assignment
from identity.mapping import NoMatchingGroup, assignment_for_groups
from identity.models import GroupRule
from organisations.tests.factories import MunicipalityFactory

from .factories import GroupRuleFactory

pytestmark = pytest.mark.django_db


def test_the_first_rule_by_position_whose_group_the_user_is_in_decides():
    siegburg = MunicipalityFactory(name="Siegburg")
    GroupRuleFactory(group="smartkreis-lesen", role=User.Role.READER, position=20)
    GroupRuleFactory(
        group="smartkreis-siegburg",
        role=User.Role.MUNICIPALITY_EDITOR,
        body=siegburg,
        position=10,
    )

    assignment = assignment_for_groups(
        source=GroupRule.Source.OIDC, groups=["SMARTKREIS-LESEN", "smartkreis-siegburg"]
    )

    assert (assignment.role, assignment.body) == (User.Role.MUNICIPALITY_EDITOR, siegburg)


def test_rules_of_another_source_do_not_count():
    GroupRuleFactory(source=GroupRule.Source.LDAP, group="cn=digital,dc=kreis")

    with pytest.raises(NoMatchingGroup) as refusal:
        assignment_for_groups(source=GroupRule.Source.OIDC, groups=["cn=digital,dc=kreis"])

    assert "keiner Gruppe" in str(refusal.value)
    assert refusal.value.groups == ["cn=digital,dc=kreis"]


def test_an_assignment_changes_the_user_once_and_records_it():
    user = UserFactory(role=User.Role.READER, is_staff=False)
    GroupRuleFactory(group="admins", role=User.Role.ADMINISTRATOR)
    assignment = assignment_for_groups(source=GroupRule.Source.OIDC, groups=["admins"])

    apply_assignment(acting_user=None, user=user, assignment=assignment, source_label="SSO")
    apply_assignment(acting_user=None, user=user, assignment=assignment, source_label="SSO")

    user.refresh_from_db()
    assert (user.role, user.is_staff) == (User.Role.ADMINISTRATOR, True)
    entries = AuditEntry.objects.filter(subject_id=str(user.pk), action=AuditEntry.Action.UPDATE)
    assert [entry.actor_name for entry in entries] == ["SSO"]
