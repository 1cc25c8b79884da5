"""The user list runs as many queries with 40 users as with 4, each with external accounts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import MunicipalityEditorFactory, UnitEditorFactory
from identity.models import ExternalAccount

pytestmark = pytest.mark.django_db


def _grow(world, total):
    for number in range(total):
        user = (
            UnitEditorFactory(body=world.county, org_unit=world.office)
            if number % 2
            else MunicipalityEditorFactory(body=world.town)
        )
        ExternalAccount.objects.create(
            user=user, source="OIDC", issuer="https://sso.kreis", subject=f"s-{user.pk}"
        )
        ExternalAccount.objects.create(
            user=user,
            source="LDAP",
            issuer="ldap://dc",
            subject=f"cn={user.pk}",
            disabled_at=timezone.now(),
        )


def _queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("user_management:user_list"), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("filtered", ["nothing", "active", "body"])
def test_the_list_queries_stay_constant_as_users_grow(client, world, filtered):
    params = {"nothing": {}, "active": {"active": "yes"}, "body": {"body": world.town.pk}}[filtered]
    client.force_login(world.staff)
    _grow(world, 4)
    few = _queries(client, params)

    _grow(world, 36)
    many = _queries(client, params)

    assert many == few
