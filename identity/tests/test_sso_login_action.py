"""record_sso_login: the user behind an account of the identity provider."""

import pytest

from accounts.models import User
from accounts.tests.factories import UserFactory
from identity.actions import record_sso_login
from identity.mapping import assignment_for_groups
from identity.models import GroupRule

pytestmark = pytest.mark.django_db

ISSUER = "https://id.kreis.example/realms/opendesk"


def _login(subject, **claims):
    GroupRule.objects.get_or_create(
        source=GroupRule.Source.OIDC, group="alle", defaults={"role": User.Role.READER}
    )
    return record_sso_login(
        acting_user=None,
        issuer=ISSUER,
        subject=subject,
        claims=claims,
        groups=["alle"],
        assignment=assignment_for_groups(source=GroupRule.Source.OIDC, groups=["alle"]),
    )


@pytest.mark.parametrize(
    ("claims", "username"),
    [
        ({"preferred_username": "Jörg Schmidt/../admin"}, "JörgSchmidt..admin"),
        ({"email": "k.lange@kreis.example"}, "k.lange"),
        ({"email": "not an address"}, "notanaddress"),
        ({}, "sso"),
    ],
)
def test_a_new_users_name_is_made_of_safe_characters(claims, username):
    assert _login("s-1", **claims).username == username


def test_a_taken_name_gets_a_number_and_no_user_is_taken_over():
    local = UserFactory(username="Admin", email="admin@kreis.example")
    UserFactory(username="admin-2")

    user = _login("s-1", preferred_username="admin", email="admin@kreis.example")

    assert user.username == "admin-3"
    assert user.pk != local.pk
    assert not local.external_accounts.exists()
    assert (user.email, user.has_usable_password()) == ("admin@kreis.example", False)


def test_the_same_subject_is_the_same_user_and_a_name_alone_is_split():
    first = _login("s-1", name="Maria Luise Wagner")
    again = _login("s-1", name="Maria Luise Wagner-Koch")

    assert again.pk == first.pk
    assert (again.first_name, again.last_name) == ("Maria Luise", "Wagner-Koch")
    assert User.objects.filter(external_accounts__issuer=ISSUER).count() == 1
