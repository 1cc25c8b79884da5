"""The page where administrators and the staff unit keep the group rules."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UserFactory,
)
from audit.models import AuditEntry
from identity.models import ExternalAccount, GroupRule
from identity.queries import external_accounts_for
from organisations.tests.factories import MunicipalityFactory, OrgUnitFactory

from .factories import GroupRuleFactory

pytestmark = pytest.mark.django_db

LIST = reverse("identity:group_rule_list")
CREATE = reverse("identity:group_rule_create")


def _rows():
    return list(GroupRule.objects.values_list("source", "group", "role", "body", "position"))


def _form(**values):
    return {
        "source": GroupRule.Source.OIDC,
        "group": "smartkreis-lesen",
        "role": User.Role.READER,
        "body": "",
        "org_unit": "",
        "position": "10",
    } | values


@pytest.mark.parametrize("factory", [StaffUnitUserFactory, AdministratorFactory])
def test_the_staff_unit_and_administrators_see_the_rules_and_the_menu_entry(client, factory):
    GroupRuleFactory(group="smartkreis-digital", role=User.Role.STAFF_UNIT)
    GroupRuleFactory(source=GroupRule.Source.LDAP, group="CN=Lesen,DC=kreis")
    client.force_login(factory())

    page = client.get(LIST).content.decode()

    assert "smartkreis-digital" in page
    assert "CN=Lesen,DC=kreis" in page
    assert f'href="{LIST}"' in page


@pytest.mark.parametrize("factory", [UserFactory, MunicipalityEditorFactory])
def test_others_get_no_page_and_no_menu_entry(client, factory):
    user = factory()
    client.force_login(user)

    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, _form()).status_code == 403
    assert f'href="{LIST}"' not in client.get(reverse("dashboard")).content.decode()
    assert _rows() == []


def test_a_rule_is_added_and_audited(client):
    staff = StaffUnitUserFactory()
    client.force_login(staff)

    response = client.post(CREATE, _form(group="  smartkreis-lesen "), follow=True)

    rule = GroupRule.objects.get()
    assert (rule.group, rule.role, rule.position) == ("smartkreis-lesen", User.Role.READER, 10)
    assert "Die Regel für „smartkreis-lesen“ wurde angelegt." in response.content.decode()
    entry = AuditEntry.objects.get(subject_type__model="grouprule", subject_id=str(rule.pk))
    assert (entry.action, entry.actor) == (AuditEntry.Action.CREATE, staff)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"role": User.Role.MUNICIPALITY_EDITOR}, "Die Redaktion einer Kommune braucht eine"),
        ({"role": User.Role.UNIT_EDITOR}, "braucht eine Organisationseinheit"),
        ({"group": "SMARTKREIS-DIGITAL"}, "Für diese Gruppe gibt es schon eine Regel."),
        ({"group": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_a_bad_rule_is_refused_with_a_german_message_and_changes_nothing(client, values, message):
    GroupRuleFactory(group="smartkreis-digital")
    client.force_login(StaffUnitUserFactory())
    before = _rows()

    response = client.post(CREATE, _form(**values))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert _rows() == before


def test_a_unit_of_another_body_is_refused(client):
    client.force_login(StaffUnitUserFactory())
    siegburg = MunicipalityFactory()
    county_unit = OrgUnitFactory()

    response = client.post(
        CREATE,
        _form(role=User.Role.UNIT_EDITOR, body=siegburg.pk, org_unit=county_unit.pk),
    )

    assert "Die Einheit gehört nicht zur gewählten Körperschaft." in response.content.decode()
    assert _rows() == []


def test_a_rule_is_edited_and_deleted(client):
    rule = GroupRuleFactory(group="smartkreis-lesen")
    siegburg = MunicipalityFactory(name="Siegburg")
    client.force_login(AdministratorFactory())

    client.post(
        reverse("identity:group_rule_edit", args=[rule.pk]),
        _form(group="siegburg-redaktion", role=User.Role.MUNICIPALITY_EDITOR, body=siegburg.pk),
    )
    rule.refresh_from_db()
    assert (rule.group, rule.role, rule.body) == (
        "siegburg-redaktion",
        User.Role.MUNICIPALITY_EDITOR,
        siegburg,
    )

    assert client.get(reverse("identity:group_rule_delete", args=[rule.pk])).status_code == 200
    client.post(reverse("identity:group_rule_delete", args=[rule.pk]))
    assert _rows() == []
    actions = AuditEntry.objects.filter(
        subject_type__model="grouprule", subject_id=str(rule.pk)
    ).values_list("action", flat=True)
    assert sorted(actions) == [AuditEntry.Action.DELETE, AuditEntry.Action.UPDATE]


def test_moving_a_rule_reorders_the_rules_of_its_source(client):
    first = GroupRuleFactory(group="a", position=100)
    GroupRuleFactory(group="b", position=100)
    third = GroupRuleFactory(group="c", position=300)
    ldap = GroupRuleFactory(source=GroupRule.Source.LDAP, group="cn=x", position=5)
    client.force_login(StaffUnitUserFactory())

    client.post(reverse("identity:group_rule_move", args=[third.pk]), {"direction": "up"})
    client.post(reverse("identity:group_rule_move", args=[first.pk]), {"direction": "up"})

    order = list(
        GroupRule.objects.filter(source=GroupRule.Source.OIDC).values_list("group", "position")
    )
    assert order == [("a", 10), ("c", 20), ("b", 30)]
    ldap.refresh_from_db()
    assert ldap.position == 5
    assert (
        client.post(
            reverse("identity:group_rule_move", args=[first.pk]), {"direction": "sideways"}
        ).status_code
        == 403
    )


def test_a_users_external_accounts_are_listed():
    user = UserFactory()
    ExternalAccount.objects.create(
        user=user, source=GroupRule.Source.OIDC, issuer="https://id.kreis.example", subject="s1"
    )
    ExternalAccount.objects.create(
        user=UserFactory(), source=GroupRule.Source.OIDC, issuer="https://x", subject="s2"
    )

    assert [account.subject for account in external_accounts_for(user)] == ["s1"]
