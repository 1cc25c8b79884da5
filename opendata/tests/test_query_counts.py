"""Each file and the catalogue read with a fixed number of queries, however many records."""

import pytest

from .factories import public_records

pytestmark = pytest.mark.django_db

URLS = [
    "/daten/onlinedienste.csv",
    "/daten/vorhaben.json",
    "/daten/ziele.csv",
    "/daten/kennzahlen.json",
    "/daten/kreistagsbeschluesse.csv",
    "/daten/katalog.ttl",
    "/daten/",
]


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", URLS)
def test_queries_stay_constant_as_the_data_grow(client, url, django_assert_max_num_queries):
    public_records(1)
    client.get(url)  # caches filled (content types, translations) as on a running server
    few = _queries(client, url, django_assert_max_num_queries, 12)
    public_records(12)

    assert _queries(client, url, django_assert_max_num_queries, few) == few
