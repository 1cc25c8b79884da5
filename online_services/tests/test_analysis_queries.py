"""The analysis read queries: bodies, matrix filters, coverage, trend, gaps, map classes."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import translation

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from online_services import analysis
from online_services import map as area_map
from online_services.models import LeikaService, ServiceOffer
from online_services.tests.factories_analysis import (
    LeikaFactory,
    LifeSituationFactory,
    MaturityModelFactory,
    OfferFactory,
    ServiceFactory,
    TopicFactory,
    assess,
)
from organisations.models import Body
from organisations.tests.factories import CountyFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db
ONLINE, PLANNED = ServiceOffer.Status.ONLINE, ServiceOffer.Status.PLANNED


@pytest.fixture
def county():
    county = CountyFactory()
    MunicipalityFactory(name="Bornheim", parent=county)
    MunicipalityFactory(name="Alfter", parent=county)
    return county


def test_bodies_are_the_users_county_and_its_municipalities_in_order(county):
    other_county = CountyFactory(name="Anderer Kreis", ags="05111000")
    MunicipalityFactory(name="Fremdstadt", parent=other_county)
    Body.objects.create(name="Zweckverband", kind=Body.Kind.ASSOCIATION)
    town_user = MunicipalityEditorFactory(body=Body.objects.get(name="Alfter"))

    names = [body.name for body in analysis.analysis_bodies(town_user)]

    assert names == ["Testkreis", "Alfter", "Bornheim"]
    other = UserFactory(body=other_county)
    assert [b.name for b in analysis.analysis_bodies(other)] == ["Anderer Kreis", "Fremdstadt"]


def _matrix_names(user, **params):
    query = QueryDict(mutable=True)
    query.update(params)
    context = analysis.matrix(user=user, params=query, page_number=1)
    return [row.service.name for row in context["rows"]], context


def test_matrix_cells_and_filters(county):
    user = UserFactory(body=county)
    alfter = Body.objects.get(name="Alfter")
    building, family = TopicFactory(name="Bauen"), TopicFactory(name="Familie")
    moving = LifeSituationFactory(topic=family, name="Umzug")
    permit = ServiceFactory(name="Baugenehmigung", topic=building)
    register = ServiceFactory(name="Meldebescheinigung", topic=family, life_situation=moving)
    parking = ServiceFactory(name="Parkausweis", topic=family)
    LeikaFactory(ozg_service=permit, responsibility=LeikaService.Responsibility.STATE)
    LeikaFactory(ozg_service=register, responsibility=LeikaService.Responsibility.MUNICIPAL)
    LeikaFactory(ozg_service=register, responsibility=LeikaService.Responsibility.MUNICIPAL)
    assess(OfferFactory(body=alfter, service=register), 3, datetime.date(2024, 1, 2))
    OfferFactory(body=county, service=parking, status=PLANNED)

    # The cells' words are translated when the matrix is built, in the request's language.
    with translation.override("en"):
        names, context = _matrix_names(user)
    assert names == ["Baugenehmigung", "Meldebescheinigung", "Parkausweis"]
    assert [body.name for body in context["bodies"]] == ["Testkreis", "Alfter", "Bornheim"]
    cells = context["rows"][1].cells
    assert [cell.symbol for cell in cells] == ["–", "●", "–"]
    assert cells[1].level == 3
    assert cells[1].text == "Online, maturity level 3 (Testmodell)"
    assert context["rows"][2].cells[0].text == "Planned"
    assert cells[0].text == "not offered"

    assert _matrix_names(user, topic=str(family.pk))[0] == ["Meldebescheinigung", "Parkausweis"]
    assert _matrix_names(user, life_situation=str(moving.pk))[0] == ["Meldebescheinigung"]
    assert _matrix_names(user, responsibility="MUNICIPAL")[0] == ["Meldebescheinigung"]
    assert _matrix_names(user, responsibility="STATE")[0] == ["Baugenehmigung"]
    # Planned is not offered: only online offers count.
    assert _matrix_names(user, offered="on")[0] == ["Meldebescheinigung"]
    names, context = _matrix_names(user, topic="999999")
    assert names == []
    assert "topic" in context["form"].errors


def test_matrix_pages_by_fifty(county):
    user = UserFactory(body=county)
    ServiceFactory.create_batch(51)
    context = analysis.matrix(user=user, params=QueryDict(), page_number=2)
    assert context["page_obj"].paginator.num_pages == 2
    assert len(context["rows"]) == 1


def test_coverage_per_body_and_topic(county):
    alfter, bornheim = Body.objects.get(name="Alfter"), Body.objects.get(name="Bornheim")
    topic, other_topic = TopicFactory(name="A"), TopicFactory(name="B")
    services = [ServiceFactory(topic=topic) for _ in range(3)] + [ServiceFactory(topic=other_topic)]
    model, other_model = MaturityModelFactory(), MaturityModelFactory(code="other", name="Alt")
    assess(OfferFactory(body=alfter, service=services[0]), 2, datetime.date(2024, 1, 1), model)
    assess(OfferFactory(body=alfter, service=services[1]), 4, datetime.date(2024, 1, 1), model)
    assess(
        OfferFactory(body=alfter, service=services[3]), 1, datetime.date(2024, 1, 1), other_model
    )
    OfferFactory(body=bornheim, service=services[0], status=PLANNED)
    bodies = analysis.analysis_bodies(UserFactory(body=county))

    per_body = {row.body.name: row for row in analysis.body_coverage(bodies, model)}
    assert per_body["Alfter"].online == 3
    assert per_body["Alfter"].coverage == 75.0
    assert per_body["Alfter"].mean_level == 3.0  # the other model's level is left out
    assert per_body["Bornheim"].coverage == 0.0
    assert per_body["Testkreis"].mean_level is None

    per_topic = {row.topic.name: row for row in analysis.topic_coverage(bodies, model)}
    assert (per_topic["A"].online, per_topic["A"].possible) == (2, 9)
    assert per_topic["B"].coverage == pytest.approx(100 / 3)


def test_trend_uses_online_since_and_the_assessment_history(county):
    alfter = Body.objects.get(name="Alfter")
    model = MaturityModelFactory()
    services = ServiceFactory.create_batch(2)
    early = OfferFactory(body=alfter, service=services[0], online_since=datetime.date(2023, 2, 1))
    late = OfferFactory(body=alfter, service=services[1], online_since=datetime.date(2023, 8, 1))
    assess(early, 1, datetime.date(2023, 2, 1), model)
    assess(early, 3, datetime.date(2023, 11, 5), model)
    assess(late, 2, datetime.date(2023, 8, 1), model)
    bodies = analysis.analysis_bodies(UserFactory(body=county))

    quarters = analysis.trend(bodies, model, today=datetime.date(2023, 12, 1), quarters=4)

    assert [q.label for q in quarters] == ["Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023"]
    assert [q.online for q in quarters] == [1, 1, 2, 2]
    assert [q.mean_level for q in quarters] == [1.0, 1.0, 1.5, 2.5]
    assert quarters[3].coverage == pytest.approx(100 * 2 / 6)
    # Earlier offers count although their quarter is not shown.
    later = analysis.trend(bodies, model, today=datetime.date(2025, 1, 1), quarters=2)
    assert [q.online for q in later] == [2, 2]


def test_gaps_rank_services_by_how_many_others_offer_them(county):
    alfter, bornheim = Body.objects.get(name="Alfter"), Body.objects.get(name="Bornheim")
    both, one, own, _nowhere = ServiceFactory.create_batch(4)
    for body in (alfter, bornheim):
        OfferFactory(body=body, service=both)
    OfferFactory(body=bornheim, service=one)
    OfferFactory(body=county, service=one, status=PLANNED)
    OfferFactory(body=alfter, service=own)
    OfferFactory(body=county, service=own)
    bodies = analysis.analysis_bodies(UserFactory(body=county))

    result = list(analysis.gaps(bodies=bodies, body=county))

    assert [(s.pk, s.offered_by, s.own_status) for s in result] == [
        (both.pk, 2, None),
        (one.pk, 1, PLANNED),
    ]
    assert [s.pk for s in analysis.gaps(bodies=bodies, body=alfter)] == [one.pk]


def test_another_countys_offers_neither_fill_gaps_nor_choose_the_model(county):
    """In a Land with many counties, the analysis pages look at the user's county only."""
    other_county = CountyFactory(name="Anderer Kreis", ags="05111000")
    elsewhere = MunicipalityFactory(name="Fremdstadt", parent=other_county)
    ours, theirs = MaturityModelFactory(code="ours"), MaturityModelFactory(code="theirs")
    alfter = Body.objects.get(name="Alfter")
    shared, foreign_only = ServiceFactory.create_batch(2)
    OfferFactory(body=alfter, service=shared, current_model=ours, current_level=2)
    for service in (shared, foreign_only):
        for body in (other_county, elsewhere):
            OfferFactory(body=body, service=service, current_model=theirs, current_level=3)
    bodies = analysis.analysis_bodies(UserFactory(body=county))

    assert [(s.pk, s.offered_by) for s in analysis.gaps(bodies=bodies, body=county)] == [
        (shared.pk, 1)
    ]
    _form, model = analysis.chosen_model(QueryDict(), bodies)
    assert model == ours


@translation.override("en")
def test_map_classes_labels_and_svg():
    assert area_map.class_bounds(0) == [0, 1, 2, 3, 4, 5]
    assert area_map.class_bounds(8.3) == [0, 2, 4, 6, 8, 10]
    assert area_map.class_bounds(60) == [0, 20, 40, 60, 80, 100]
    bounds = area_map.class_bounds(12)
    assert area_map.class_labels(bounds)[0] == "0.0 to under 2.5 %"
    assert area_map.class_labels(bounds)[-1] == "10.0 to 12.5 %"
    assert [area_map.class_of(v, bounds) for v in (0, 2.4, 2.5, 12.5, None)] == [0, 0, 1, 4, None]

    svg = area_map.render_map(
        figures={"05382004": (10.0, 2.5)}, bounds=bounds, title="Karte", summary="Alles"
    )

    assert len(area_map.areas()) == 19
    assert svg.count('fill-rule="evenodd"><title>') == 19
    assert "<title>Alfter: 10.0 % of services online, mean maturity 2.5</title>" in svg
    assert "<title>Bornheim: no data</title>" in svg
    assert 'fill="url(#sk-map-class-4)"' in svg
    assert "style=" not in svg
    assert "10.0 to 12.5 %" in svg
