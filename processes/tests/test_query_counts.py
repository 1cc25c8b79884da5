"""List and ranking run as many queries with 60 processes as with 6."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.tests.factories import OrgUnitFactory
from processes import actions
from processes.models import BusinessProcess

from .factories import BusinessProcessFactory

pytestmark = pytest.mark.django_db


def _grow_to(world, total):
    for number in range(BusinessProcess.objects.count(), total):
        body = world.county if number % 2 else world.town
        process = BusinessProcessFactory(
            org_unit=OrgUnitFactory(body=body), name=f"Prozess {number:03d}"
        )
        if number % 3 == 0:
            actions.submit_process_topic(acting_user=world.users["staff"], process=process)


def _count(client, url, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("role", "url_name", "params"),
    [
        ("staff", "processes:process_list", {}),
        ("staff", "processes:process_list", {"sort": "unit", "digitisation": "PARTLY"}),
        ("municipality_editor", "processes:process_list", {}),
        ("staff", "processes:ranking", {}),
        ("unit_editor", "processes:ranking", {}),
        ("municipality_editor", "processes:ranking", {}),
    ],
)
def test_queries_do_not_grow_with_the_inventory(
    client, world, django_assert_num_queries, role, url_name, params
):
    client.force_login(world.users[role])
    url = reverse(url_name)
    _grow_to(world, 6)
    client.get(url, params)
    with_few = _count(client, url, params)
    _grow_to(world, 60)
    with django_assert_num_queries(with_few):
        response = client.get(url, params)
    assert with_few <= 15
    page = response.context.get("page_obj")
    shown = page.object_list if page is not None else response.context["processes"]
    assert len(shown) >= 15
