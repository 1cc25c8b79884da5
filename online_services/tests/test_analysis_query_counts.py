"""The analysis pages run as many queries for 20 bodies × 600 services as for 3 × 10.

The data come from demo.benchmark_offers.generate_offers, which the benchmark uses too.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import MunicipalityEditorFactory, StaffUnitUserFactory
from demo.benchmark_offers import generate_offers, matrix_pages
from online_services.models import OZGService, ServiceOffer
from organisations.models import Body
from organisations.tests.factories import CountyFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def _counts(client, urls):
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return counts


def test_analysis_pages_run_a_constant_number_of_queries(client):
    county = CountyFactory()
    towns = [MunicipalityFactory(parent=county) for _ in range(2)]
    staff = StaffUnitUserFactory(body=county)
    town_user = MunicipalityEditorFactory(body=towns[0])
    urls = [
        reverse(page.url_name) + (f"?{page.query}" if page.query else "") for page in matrix_pages()
    ]
    generate_offers(bodies=[county, *towns], services=10, seed=1)
    client.force_login(staff)
    small = _counts(client, urls)
    client.force_login(town_user)
    small_town = _counts(client, urls)

    ServiceOffer.objects.all().delete()
    # The data are written past the actions, with no audit entry to date the cached pages.
    cache.clear()
    towns += [MunicipalityFactory(parent=county) for _ in range(17)]
    generate_offers(bodies=[county, *towns], services=600, seed=2)
    assert Body.objects.filter(kind__in=["COUNTY", "MUNICIPALITY"]).count() == 20
    assert OZGService.objects.count() == 600
    assert ServiceOffer.objects.count() > 6000
    client.force_login(staff)
    large = _counts(client, urls)
    client.force_login(town_user)
    large_town = _counts(client, urls)

    assert large == small
    assert large_town == small_town
    response = client.get(urls[0])
    assert len(response.context["rows"]) == 50
    assert len(response.context["bodies"]) == 20
