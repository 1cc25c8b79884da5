"""The analysis pages: who may read them, what they show, what they keep to the body."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from online_services import actions
from online_services.models import MaturityAssessment, ServiceOffer
from online_services.tests.factories_analysis import (
    MaturityModelFactory,
    OfferFactory,
    ServiceFactory,
    TopicFactory,
    assess,
)
from organisations.tests.factories import CountyFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

PAGES = ("online_services:matrix", "online_services:coverage", "online_services:gaps")
ALL_PAGES = (*PAGES, "online_services:map")
SECRET_NOTE = "Interne Notiz: Haushaltsmittel fehlen"


@pytest.fixture
def world():
    county = CountyFactory()
    # Real AGS, so the map finds the two towns.
    alfter = MunicipalityFactory(name="Alfter", ags="05382004", parent=county)
    bornheim = MunicipalityFactory(name="Bornheim", ags="05382012", parent=county)
    topic = TopicFactory(name="Familie & Kind")
    services = [
        ServiceFactory(name=name, topic=topic) for name in ("Elterngeld", "Kita-Platz", "Wohngeld")
    ]
    model = MaturityModelFactory()
    offer = OfferFactory(body=bornheim, service=services[0], online_since=datetime.date(2024, 2, 1))
    assess(offer, 3, datetime.date(2024, 2, 1), model, note=SECRET_NOTE)
    OfferFactory(body=county, service=services[0])
    OfferFactory(body=county, service=services[1], status=ServiceOffer.Status.IN_PROGRESS)
    OfferFactory(body=alfter, service=services[1])
    return {
        "county": county,
        "alfter": alfter,
        "bornheim": bornheim,
        "services": services,
        "users": {
            "reader": UserFactory(body=county),
            "unit_editor": UnitEditorFactory(org_unit__body=county, body=county),
            "municipality_editor": MunicipalityEditorFactory(body=alfter),
            "staff": StaffUnitUserFactory(body=county),
            "admin": AdministratorFactory(body=county),
        },
    }


def _state():
    return (
        list(ServiceOffer.objects.order_by("pk").values()),
        list(MaturityAssessment.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("page", ALL_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, world, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["reader", "unit_editor", "municipality_editor", "staff", "admin"])
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_internal_user_reads_every_page_and_posting_changes_nothing(
    client, world, role, page
):
    client.force_login(world["users"][role])
    before = _state()

    assert client.get(reverse(page)).status_code == 200
    assert client.post(reverse(page)).status_code == 405
    assert _state() == before


def test_a_municipality_sees_the_other_bodies_status_but_not_their_notes(client, world):
    """Offer status and maturity are shared to learn from each other; notes stay internal."""
    client.force_login(world["users"]["municipality_editor"])
    pages = [client.get(reverse(page)).content.decode() for page in ALL_PAGES]
    matrix = pages[0]

    row = matrix[matrix.index("Elterngeld") : matrix.index("Kita-Platz")]
    # Columns: county, Alfter, Bornheim (Bornheim online at level 3).
    assert re.findall(r'<span aria-hidden="true">([^<]*)</span>', row) == ["●", "–", "● 3"]
    assert all(SECRET_NOTE not in page for page in pages)
    assert all(" style=" not in page for page in pages)


def test_matrix_is_the_start_page_and_filters(client, world):
    client.force_login(world["users"]["staff"])
    assert reverse("online_services:matrix") == "/onlinedienste/"
    response = client.get(reverse("online_services:matrix"), {"offered": "on"})
    names = [row.service.name for row in response.context["rows"]]
    assert names == ["Elterngeld", "Kita-Platz"]
    response = client.get(reverse("online_services:matrix"), {"topic": "x"})
    assert response.context["rows"] == []
    assert response.context["form"].errors


def test_coverage_page_shows_charts_each_with_its_table(client, world):
    client.force_login(world["users"]["reader"])
    content = client.get(reverse("online_services:coverage")).content.decode()

    assert content.count('role="img"') == 6
    assert content.count("<figure") == content.count("<table") == 6
    # Bornheim: 1 of 3 services online.
    assert "33,3 %" in content


def test_coverage_page_is_cached_and_shows_a_change_at_once(client, world):
    client.force_login(world["users"]["reader"])
    url = reverse("online_services:coverage")
    assert "66,7 %" not in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)

    actions.create_offer(
        acting_user=world["users"]["staff"],
        body=world["alfter"],
        service=world["services"][2],
        status=ServiceOffer.Status.ONLINE,
    )
    # Alfter: 2 of 3 services online, shown on the next request.
    assert "66,7 %" in client.get(url).content.decode()


def test_gaps_default_to_the_users_body_and_rank_by_others(client, world):
    client.force_login(world["users"]["municipality_editor"])
    response = client.get(reverse("online_services:gaps"))

    assert response.context["body"] == world["alfter"]
    assert [(s.name, s.offered_by) for s in response.context["page_obj"]] == [("Elterngeld", 2)]

    response = client.get(reverse("online_services:gaps"), {"body": world["county"].pk})
    assert [(s.name, s.own_status) for s in response.context["page_obj"]] == [
        ("Kita-Platz", "IN_PROGRESS")
    ]


def test_gaps_refuse_a_body_outside_the_county(client, world):
    stranger = MunicipalityFactory(
        name="Fremdstadt", parent=CountyFactory(name="Fremdkreis", ags="05111000")
    )
    client.force_login(world["users"]["staff"])

    response = client.get(reverse("online_services:gaps"), {"body": stranger.pk})

    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert response.context["form"].errors["body"]


def test_map_colours_by_coverage_with_table_and_attribution(client, world):
    client.force_login(world["users"]["reader"])
    response = client.get(reverse("online_services:map"))
    content = response.content.decode()

    assert content.count('fill-rule="evenodd"><title>') == 19
    rows = {row["name"]: row for row in response.context["map"]["rows"]}
    assert len(rows) == 19
    assert rows["Bornheim"]["coverage"] == "33,3 %"
    assert rows["Bornheim"]["mean_level"] == "3,0"
    assert rows["Alfter"]["coverage"] == "33,3 %"
    assert rows["Eitorf"]["coverage"] == "–"
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in content
    assert 'href="https://www.bkg.bund.de"' in content
    assert "Datenlizenz Deutschland – Namensnennung – 2.0" in content


def test_matrix_cells_link_to_the_offers_the_user_may_open(client, world):
    """The staff unit opens every offer from the matrix; a municipality only its own and the
    county's (offer details stay with the body and the county)."""

    def offer_url(body):
        offer = ServiceOffer.objects.get(body=body, service=world["services"][1])
        return reverse("online_services:offer_detail", args=[offer.pk])

    bornheim_offer = reverse(
        "online_services:offer_detail",
        args=[ServiceOffer.objects.get(body=world["bornheim"]).pk],
    )

    client.force_login(world["users"]["staff"])
    matrix = client.get(reverse("online_services:matrix")).content.decode()
    assert bornheim_offer in matrix
    assert offer_url(world["alfter"]) in matrix

    client.force_login(world["users"]["municipality_editor"])  # of Alfter
    matrix = client.get(reverse("online_services:matrix")).content.decode()
    assert offer_url(world["alfter"]) in matrix
    assert offer_url(world["county"]) in matrix
    assert bornheim_offer not in matrix


def test_matrix_cells_escape_what_they_show(client, world):
    """The cells are written in Python, not by the template: their words are still escaped."""
    offer = ServiceOffer.objects.get(body=world["alfter"], service=world["services"][1])
    assess(offer, 2, datetime.date(2024, 3, 1), MaturityModelFactory(code="X", name="<b>A&B</b>"))
    client.force_login(world["users"]["staff"])
    matrix = client.get(reverse("online_services:matrix")).content.decode()
    assert "Reifegrad 2 (&lt;b&gt;A&amp;B&lt;/b&gt;)" in matrix
    assert "<b>A&B</b>" not in matrix
