import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import actions
from portal import queries as portal_queries
from portal.tests.conftest import SECRET
from portal.tests.factories import PublishedPublicationFactory
from portfolio.tests.factories import InitiativeFactory, MilestoneFactory
from strategy import actions as strategy_actions
from strategy.tests.factories import GoalFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def _text(response):
    assert response.status_code == 200, response
    return response.content.decode()


def test_the_start_page_is_the_portal_for_anonymous_visitors(client, public_world):
    page = _text(client.get("/"))

    assert "Verwaltungsleistungen online" in page
    assert reverse("portal:goal", args=[public_world.goal.pk]) in page
    assert reverse("login") in page
    assert SECRET not in page


def test_logged_in_users_find_the_dashboard_from_the_header(client, public_world):
    client.force_login(public_world.staff)

    page = _text(client.get("/"))

    assert f'href="{reverse("dashboard")}"' in page


def test_a_published_goal_shows_its_summary_figures_and_the_decisions_behind_it(
    client, public_world
):
    page = _text(client.get(reverse("portal:goal", args=[public_world.goal.pk])))

    assert "Mehr Anträge online stellen." in page
    assert "Online-Leistungen: 50 %" in page  # (50 − 10) / (90 − 10)
    assert "OZG-Dashboard" in page
    assert "E-Akte" in page
    assert "Die Ausschreibung dauert länger." in page
    assert reverse("oparl:object", args=["paper", public_world.paper.pk]) in page


def test_a_published_initiative_shows_status_milestones_grants_and_decisions(client, public_world):
    page = _text(client.get(reverse("portal:initiative", args=[public_world.initiative.pk])))

    assert "Akten werden digital geführt." in page
    assert "Pilot im Schulamt" in page
    assert "Digitalpakt" in page
    assert "Die Lenkungsgruppe gibt die E-Akte frei." in page
    assert "Digitalstrategie" in page


@pytest.mark.parametrize("name", ["portal:goal", "portal:initiative"])
def test_unpublished_goals_and_initiatives_are_not_found(client, public_world, name):
    hidden = public_world.hidden_goal if name == "portal:goal" else public_world.hidden_initiative

    assert client.get(reverse(name, args=[hidden.pk])).status_code == 404


def test_the_decisions_are_filtered_by_state_and_bad_filters_are_ignored(client, public_world):
    url = reverse("portal:decisions")
    paper_url = public_world.paper.get_absolute_url()

    assert paper_url in _text(client.get(url, {"state": "DELAYED"}))
    assert paper_url not in _text(client.get(url, {"state": "DONE"}))
    page = _text(client.get(url, {"state": "<script>", "year": "abc"}))
    assert paper_url in page
    assert "<script>" not in page


def test_the_online_services_are_found_by_name(client, public_world):
    url = reverse("portal:services")

    page = _text(client.get(url, {"q": "wohngeld"}))
    assert "https://siegburg.example/wohngeld" in page
    assert "https://siegburg.example/wohngeld" not in _text(client.get(url, {"q": "Hund"}))


def test_the_documents_offer_the_issued_report_and_the_published_paper(client, public_world):
    page = _text(client.get(reverse("portal:documents")))

    assert reverse("portal:report_pdf", args=[public_world.report.pk]) in page
    assert reverse("papers:paper_pdf", args=[public_world.paper.pk]) in page


def test_the_feed_lists_the_published_changes(client, public_world):
    response = client.get(reverse("portal:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Mehr Anträge online stellen." in response.content.decode()


def test_a_revisit_without_changes_is_answered_with_304(client, public_world):
    first = client.get("/")
    assert first["ETag"]
    assert first["Last-Modified"]

    again = client.get("/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304


def _grow(count):
    """More published goals, indicators, values, initiatives and milestones."""
    for number in range(count):
        goal = GoalFactory()
        PublishedPublicationFactory(goal=goal)
        indicator = IndicatorFactory(goal=goal)
        IndicatorValueFactory(indicator=indicator)
        initiative = InitiativeFactory(fields=[goal.field])
        initiative.goals.set([goal])
        PublishedPublicationFactory(goal=None, initiative=initiative)
        MilestoneFactory(initiative=initiative, title=f"Meilenstein {number}")


PUBLIC_PAGES = [
    ("home", None),
    ("portal:goal", "goal"),
    ("portal:initiative", "initiative"),
    ("portal:decisions", None),
    ("portal:services", None),
    ("portal:documents", None),
    ("portal:feed", None),
]


@pytest.mark.parametrize(("name", "kind"), PUBLIC_PAGES)
def test_public_pages_run_a_constant_number_of_queries(
    client, public_world, django_assert_max_num_queries, name, kind
):
    url = reverse(name, args=[public_world.ids()[kind]] if kind else None)
    client.get(url)  # charts and the map are rendered once and cached
    cache.clear()
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    _grow(4)
    cache.clear()  # the factories write no audit entry that would date the cached pages
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_change_shows_at_once_though_the_page_was_cached(client, public_world):
    url = reverse("portal:goal", args=[public_world.goal.pk])
    assert "Neu erklärt." not in _text(client.get(url))

    publication = public_world.goal.publication
    actions.write_summary(
        acting_user=public_world.staff, subject=public_world.goal, text="Neu erklärt."
    )
    actions.publish_summary(acting_user=public_world.staff, publication=publication)

    assert "Neu erklärt." in _text(client.get(url))


def test_the_start_page_shows_a_change_at_once_though_it_was_cached(client, public_world):
    assert "Ein neuer Zielname" not in _text(client.get(reverse("home")))

    strategy_actions.update_goal(
        acting_user=public_world.staff, goal=public_world.goal, title="Ein neuer Zielname"
    )

    assert "Ein neuer Zielname" in _text(client.get(reverse("home")))


def test_a_goal_page_shows_the_latest_values_of_a_long_series_and_links_them_all(
    client, public_world, monkeypatch
):
    monkeypatch.setattr(portal_queries, "PUBLIC_SERIES_LENGTH", 3)
    indicator = public_world.goal.indicators.get()
    start = datetime.date(2021, 1, 1)
    for month in range(4):  # with the fixture's value: 5 in all
        IndicatorValueFactory(
            indicator=indicator,
            measured_on=start + datetime.timedelta(days=31 * month),
            value=Decimal(20 + month),
        )
    cache.clear()

    page = portal_queries.goal_page(public_world.goal.pk, today=datetime.date.today())
    [section] = page.indicators
    assert (section.shown, section.total) == (3, 5)
    measured = [row for row in section.chart.rows if "Messwert" in row]
    assert [row[0] for row in measured] == ["04.03.2021", "04.04.2021", _date(indicator)]
    html = _text(client.get(reverse("portal:goal", args=[public_world.goal.pk])))
    assert "Diagramm und Tabelle zeigen die letzten 3 von 5 Messwerten." in html
    assert reverse("opendata:dataset_csv", args=["kennzahlen"]) in html


def _date(indicator):
    return f"{indicator.values.latest('measured_on').measured_on:%d.%m.%Y}"
