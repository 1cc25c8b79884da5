"""The search page: access, what each role finds, filters, bad input, safe marks, paging."""

import datetime

import pytest
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from papers.models import Paper
from portfolio.tests.factories import InitiativeFactory
from search.benchmark import search_pages

from .factories import ConsultationFactory, PaperFactory

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def search(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def hits(response):
    page = response.context["page_obj"]
    return [hit.object for hit in page.object_list] if page is not None else []


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(URL, {"q": "Breitband"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url("login"))


def test_the_page_without_a_query_shows_the_form(client, world):
    response = search(client, world.users["reader"])
    html = response.content.decode()
    assert 'type="search"' in html
    assert '<label class="kern-label" for="id_q">Suchen nach' in html
    assert "„oder“ erlaubt Alternativen" in html
    assert response.context["page_obj"] is None


COUNTY_ROLES = ["reader", "unit_editor", "staff", "admin"]
MUNICIPALITY_ROLES = ["municipality_editor", "municipality_reader"]


@pytest.mark.parametrize("role", COUNTY_ROLES + MUNICIPALITY_ROLES)
def test_what_each_role_finds(client, world, role):
    response = search(client, world.users[role], q="Breitband")
    html = response.content.decode()
    found = set(hits(response))
    if role in COUNTY_ROLES:
        expected = {
            world.public_paper,
            world.internal_paper,
            world.county_initiative,
            world.town_initiative,
            world.other_town_initiative,
        }
    else:
        expected = {world.public_paper, world.county_initiative, world.town_initiative}
        assert "Personalplanung" not in html
        assert "Stellenanteile" not in html
        assert "Troisdorf" not in html
    assert found == expected
    assert response.context["page_obj"].paginator.count == len(expected)
    assert f"{len(expected)} Treffer" in html


@pytest.mark.parametrize("role", MUNICIPALITY_ROLES)
def test_municipality_users_find_no_trace_of_internal_or_foreign_texts(client, world, role):
    """The words occur only in an internal paper and another municipality's initiative."""
    response = search(client, world.users[role], q="Wolkenkuckucksheim")
    html = response.content.decode()
    assert hits(response) == []
    assert response.context["page_obj"].paginator.count == 0
    assert "0 Treffer" in html
    assert "Geheimprojekt" not in html
    response = search(client, world.users[role], q="Stellenplan", kind=Paper.Kind.DRAFT_RESOLUTION)
    assert hits(response) == []


def test_county_users_find_internal_texts_with_marks(client, world):
    response = search(client, world.users["reader"], q="Wolkenkuckucksheim")
    assert set(hits(response)) == {world.internal_paper, world.other_town_initiative}
    assert "<mark>Wolkenkuckucksheim</mark>" in response.content.decode()


def test_each_hit_links_to_its_paper_or_initiative(client, world):
    html = search(client, world.users["staff"], q="Breitband").content.decode()
    assert f'href="{reverse("papers:paper_detail", args=[world.public_paper.pk])}"' in html
    assert f'href="{world.county_initiative.get_absolute_url()}"' in html


def test_marks_are_safe_against_injected_html(client, world):
    PaperFactory(
        subject="<script>alert('Vorlage')</script> Breitbandförderung",
        explanation='Text <img src=x onerror="alert(1)"> zur Breitbandförderung <script>x</script>',
    )
    html = search(client, world.users["staff"], q="Breitbandförderung").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Breitbandförderung</mark>" in html


def test_filter_by_kind(client, world):
    staff = world.users["staff"]
    response = search(client, staff, q="Breitband", kind=Paper.Kind.MOTION)
    assert hits(response) == [world.public_paper]
    response = search(client, staff, q="Breitband", kind="INITIATIVE")
    assert set(hits(response)) == {
        world.county_initiative,
        world.town_initiative,
        world.other_town_initiative,
    }


def test_filter_by_committee_finds_papers_consulted_there(client, world):
    other = PaperFactory(subject="Breitband im Ausschuss", is_public=True)
    ConsultationFactory(paper=other, organization=world.committee, is_public=False)
    staff = world.users["staff"]
    response = search(client, staff, q="Breitband", committee=world.committee.pk)
    assert set(hits(response)) == {world.public_paper, other}
    # A non-public consultation is internal: municipality users cannot filter by it.
    response = search(
        client, world.users["municipality_editor"], q="Breitband", committee=world.committee.pk
    )
    assert hits(response) == [world.public_paper]


def test_filter_by_date_range(client, world):
    staff = world.users["staff"]
    response = search(client, staff, q="Breitband", date_from="2021-01-01", date_to="2021-12-31")
    assert set(hits(response)) == {
        world.internal_paper,
        world.town_initiative,
        world.other_town_initiative,
    }
    response = search(client, staff, q="Breitband", date_from="2022-01-01")
    assert hits(response) == [world.county_initiative]


def test_a_reversed_date_range_is_a_form_error(client, world):
    response = search(
        client, world.users["staff"], q="Breitband", date_from="2022-01-01", date_to="2021-01-01"
    )
    assert response.context["page_obj"] is None
    html = response.content.decode()
    assert "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen." in html


@pytest.mark.parametrize(
    ("query", "hint", "expected"),
    [
        ('"Breitband Schulen', "Anführungszeichen wurde nicht geschlossen", True),
        ("Breitband* AND (Schulen OR", None, True),
        ("NEAR(Breitband Schulen) ^Schulen :", None, True),
        ("- OR -- *", "keine Suchwörter", False),
        ("-Breitband", "keine Suchwörter", False),
        ("Schulen Breitband " * 20, "zu lang", True),
    ],
)
def test_bad_queries_give_a_hint_and_search_the_plain_words(client, world, query, hint, expected):
    response = search(client, world.users["staff"], q=query)
    html = response.content.decode()
    if hint:
        assert hint in html
    found = set(hits(response))
    if expected:
        # "Breitband" and "Schulen" occur together in the motion and the county's initiative.
        assert found == {world.public_paper, world.county_initiative}
    else:
        assert found == set()


def test_pages(client, world):
    for number in range(23):
        PaperFactory(subject=f"Radweg {number}", date=datetime.date(2024, 1, 1))
    staff = world.users["staff"]
    first = search(client, staff, q="Radweg")
    second = search(client, staff, q="Radweg", page=2)
    assert first.context["page_obj"].paginator.count == 23
    assert len(hits(first)) == 20
    assert len(hits(second)) == 3
    assert not set(hits(first)) & set(hits(second))
    assert "page=2" in first.content.decode()


def test_query_count_does_not_grow_with_the_data(client, world):
    staff = world.users["staff"]

    # Both kinds lead the ranking (the word in the title), so every page 1 shows both.
    for number in range(3):
        PaperFactory(subject=f"Radweg {number}")
        InitiativeFactory(title=f"Radweg {number}", owner_body=world.county)

    def grow_to(total):
        for number in range(Paper.objects.count(), total):
            paper = PaperFactory(subject=f"Vorlage {number}", explanation="Ein Radweg")
            ConsultationFactory(paper=paper, organization=world.committee)
            InitiativeFactory(description="Ein Radweg", owner_body=world.county)

    def queries():
        client.force_login(staff)
        with CaptureQueriesContext(connection) as context:
            response = client.get(URL, {"q": "Radweg"})
        assert response.status_code == 200
        return len(context)

    grow_to(10)
    small = queries()
    grow_to(50)
    assert queries() == small


def test_committees_with_only_internal_consultations_are_offered_to_county_users_only(
    client, world
):
    steering = OrganizationFactory(body=world.county, name="Interner Arbeitskreis")
    hidden = OrganizationFactory(
        body=world.county, name="Nur intern beraten", kind=Organization.Kind.COMMITTEE
    )
    ConsultationFactory(paper=world.internal_paper, organization=hidden, is_public=False)
    ConsultationFactory(paper=world.internal_paper, organization=steering)
    county_form = search(client, world.users["reader"]).context["form"]
    town_form = search(client, world.users["municipality_editor"]).context["form"]
    assert list(county_form.fields["committee"].queryset) == [world.committee, hidden]
    assert list(town_form.fields["committee"].queryset) == [world.committee]


def test_benchmark_pages_answer(client, world):
    client.force_login(world.users["staff"])
    for page in search_pages():
        url = reverse(page.url_name, args=page.args)
        assert client.get(f"{url}?{page.query}").status_code == 200
