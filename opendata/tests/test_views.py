import csv
import datetime
import io
import json

import pytest
from django.utils.http import http_date

from audit.models import AuditEntry
from audit.recording import record_change
from online_services.tests.factories import ServiceOfferFactory
from portal.models import Publication

from .factories import public_records, published_initiative

pytestmark = pytest.mark.django_db

DATASET_SLUGS = ("onlinedienste", "vorhaben", "ziele", "kennzahlen", "kreistagsbeschluesse")


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_page_lists_every_dataset_for_anonymous_visitors(client):
    response = client.get("/daten/")

    assert response.status_code == 200
    page = response.content.decode()
    for slug in DATASET_SLUGS:
        assert f'href="/daten/{slug}.csv"' in page
        assert f'href="/daten/{slug}.json"' in page
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert 'href="/daten/katalog.ttl"' in page


@pytest.mark.parametrize("slug", DATASET_SLUGS)
def test_csv_and_json_have_the_same_rows_under_german_headers(client, slug):
    public_records()

    csv_response = client.get(f"/daten/{slug}.csv")
    json_response = client.get(f"/daten/{slug}.json")

    assert csv_response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert json_response["Content-Type"] == "application/json"
    header, *rows = _csv_rows(csv_response)
    document = json.loads(json_response.content)
    assert document["spalten"] == header
    assert len(document["daten"]) == len(rows) > 0
    assert list(document["daten"][0]) == header
    assert document["lizenz"]["uri"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert document["namensnennung"] == "Rhein-Sieg-Kreis"
    assert not csv_response.content.startswith(b"\xef\xbb\xbf")


def test_the_online_services_dataset_names_body_service_and_maturity(client):
    public_records()

    header, row = _csv_rows(client.get("/daten/onlinedienste.csv"))
    values = dict(zip(header, row, strict=True))

    assert values["Reifegrad"] == "3"
    assert values["Reifegradmodell"].startswith("OZG")
    assert values["Demodaten"] == "nein"
    assert values["Körperschaft"].startswith("Testgemeinde")


def test_indicator_values_keep_their_numbers_in_both_files(client):
    public_records()

    header, *rows = _csv_rows(client.get("/daten/kennzahlen.csv"))
    values = [dict(zip(header, row, strict=True))["Messwert"] for row in rows]
    document = json.loads(client.get("/daten/kennzahlen.json").content)

    assert values == ["12.50", "-3.00"]
    assert [row["Messwert"] for row in document["daten"]] == [12.5, -3]


def test_a_value_that_looks_like_a_formula_stays_text_in_the_csv(client):
    ServiceOfferFactory(status="ONLINE", service__name="=HYPERLINK(1)")

    header, row = _csv_rows(client.get("/daten/onlinedienste.csv"))

    assert dict(zip(header, row, strict=True))["OZG-Leistung"] == "'=HYPERLINK(1)"


def test_an_unknown_dataset_is_not_found(client):
    assert client.get("/daten/geheim.csv").status_code == 404
    assert client.get("/daten/geheim.json").status_code == 404


@pytest.mark.parametrize("url", ["/daten/vorhaben.csv", "/daten/katalog.ttl"])
def test_a_file_unchanged_since_the_last_request_answers_not_modified(client, url):
    public_records()
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert since.status_code == 304


def test_a_change_gives_a_new_etag_and_a_full_answer(client):
    public_records()
    first = client.get("/daten/onlinedienste.csv")
    ServiceOfferFactory(status="ONLINE")

    after = client.get("/daten/onlinedienste.csv", headers={"if-none-match": first["ETag"]})

    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]


def test_last_modified_is_the_datasets_last_change(client):
    public_records()
    latest = max(publication.updated_at for publication in Publication.objects.all())

    response = client.get("/daten/vorhaben.json")

    assert response["Last-Modified"] == http_date(int(latest.timestamp()))
    assert json.loads(response.content)["stand"] is not None


def test_renaming_a_unit_a_row_names_moves_last_modified_on(client):
    initiative = published_initiative()
    before = client.get("/daten/vorhaben.csv")
    unit = initiative.owner_unit
    unit.name = "Amt für Digitales"
    unit.save()
    entry = record_change(actor=None, action=AuditEntry.Action.UPDATE, obj=unit)
    entry.created_at += datetime.timedelta(seconds=5)
    entry.save()

    after = client.get(
        "/daten/vorhaben.csv", headers={"if-modified-since": before["Last-Modified"]}
    )

    assert after.status_code == 200
    assert after["Last-Modified"] == http_date(int(entry.created_at.timestamp()))
    assert "Amt für Digitales" in after.content.decode()


@pytest.mark.parametrize("url", ["/daten/vorhaben.csv", "/daten/katalog.rdf", "/daten/"])
def test_files_and_page_refuse_changes(client, url):
    assert client.post(url).status_code == 405
