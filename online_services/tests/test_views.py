"""The offer and solution pages: forms, German errors, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from online_services import actions
from online_services.models import ServiceOffer, SharedSolution, SolutionRollout

from .conftest import offers_state
from .factories import OZGServiceFactory, ServiceOfferFactory, model_1, model_2

pytestmark = pytest.mark.django_db


def test_editor_creates_an_offer_and_assesses_it(client, offers_world):
    client.force_login(offers_world.users["town_editor"])
    url = reverse("online_services:offer_create", args=[offers_world.town.pk])
    page = client.get(url).content.decode()
    assert "Wohngeld" in page
    response = client.post(
        url,
        {
            "service": offers_world.services[1].pk,
            "status": "ONLINE",
            "platform": "EFA",
            "online_since": "2024-03-01",
            "url": "https://www.sankt-augustin.de/wohngeld",
            "cases_per_year": "350",
        },
    )
    offer = ServiceOffer.objects.get(body=offers_world.town, service=offers_world.services[1])
    assert response["Location"] == reverse("online_services:offer_detail", args=[offer.pk])
    assess = reverse("online_services:assessment_create", args=[offer.pk])
    response = client.post(
        assess, {"model": model_1().pk, "level": 7, "assessed_on": timezone.localdate()}
    )
    assert response.status_code == 200
    assert "OZG-Reifegradmodell 1.1 hat keine Stufe 7" in response.content.decode()
    criterion = model_2().criteria.get(code="K01")
    response = client.post(
        assess,
        {
            "model": model_2().pk,
            "level": 6,
            "assessed_on": timezone.localdate(),
            "criteria": [criterion.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("online_services:offer_detail", args=[offer.pk])).content.decode()
    assert "OZG-Reifegradmodell 2.0" in page
    assert "K01" in page


def test_stale_offer_edit_is_refused(client, offers_world):
    client.force_login(offers_world.users["town_editor"])
    offer = offers_world.offer
    ServiceOffer.objects.filter(pk=offer.pk).update(version=2)
    before = offers_state()
    response = client.post(
        reverse("online_services:offer_edit", args=[offer.pk]),
        {"status": "ONLINE", "version": 1},
    )
    assert response.status_code == 200
    assert "geändert" in response.content.decode()
    assert offers_state() == before


def test_staff_creates_a_solution_and_sets_rollouts(client, offers_world):
    client.force_login(offers_world.users["staff"])
    response = client.post(
        reverse("online_services:solution_create"),
        {
            "name": "Wohngeld-Antrag (EfA)",
            "kind": "EFA",
            "provider": "EfA-Dienst",
            "services": [offers_world.services[1].pk],
        },
    )
    solution = SharedSolution.objects.get(name="Wohngeld-Antrag (EfA)")
    assert response["Location"] == reverse("online_services:solution_detail", args=[solution.pk])
    client.post(
        reverse("online_services:rollout_edit", args=[solution.pk, offers_world.town.pk]),
        {"status": "IN_PROGRESS", "since": "2025-01-01"},
    )
    assert SolutionRollout.objects.get(solution=solution).status == "IN_PROGRESS"
    page = client.get(
        reverse("online_services:solution_detail", args=[solution.pk])
    ).content.decode()
    assert "In Umsetzung" in page
    assert "Hennef (Sieg)" in page
    page = client.get(reverse("online_services:solution_list")).content.decode()
    assert "Wohngeld-Antrag (EfA)" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_pages_run_a_constant_number_of_queries(client, offers_world):
    client.force_login(offers_world.users["staff"])
    town = offers_world.town
    offer = offers_world.offer
    urls = [
        reverse("online_services:offer_list"),
        reverse("online_services:body_offers", args=[town.pk]),
        reverse("online_services:offer_detail", args=[offer.pk]),
        reverse("online_services:solution_list"),
        reverse("online_services:solution_detail", args=[offers_world.solution.pk]),
    ]
    # One of each first: a prefetch over no rows skips its query.
    actions.record_assessment(
        acting_user=offers_world.users["staff"],
        offer=offer,
        model=model_2(),
        level=1,
        assessed_on=timezone.localdate(),
        criteria=list(model_2().criteria.all()[:1]),
    )
    small = [_queries(client, url) for url in urls]
    for _ in range(30):
        ServiceOfferFactory(body=town, service=OZGServiceFactory(), solution=offers_world.solution)
    for level in range(4):
        actions.record_assessment(
            acting_user=offers_world.users["staff"],
            offer=offer,
            model=model_2(),
            level=level,
            assessed_on=timezone.localdate(),
            criteria=list(model_2().criteria.all()[:level]),
        )
    SharedSolution.objects.create(name="Zweite Lösung", kind="PRODUCT")
    large = [_queries(client, url) for url in urls]
    assert small == large
