"""The paper page leads on to the council decisions taken on it and the initiatives it concerns,
for own and imported papers alike."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council import actions as council_actions
from council.models import CouncilDecision
from organisations.tests.factories import MunicipalityFactory
from papers import actions
from papers.models import Consultation, Paper
from portfolio.models import TrafficLight
from portfolio.tests.factories import InitiativeFactory

from .factories import ConsultationFactory, PaperFactory, publish

pytestmark = pytest.mark.django_db

DECIDED = datetime.date(2021, 2, 3)


def _record(world, consultation, **values):
    return council_actions.record_council_decision(
        acting_user=world.users["staff"],
        consultation=consultation,
        text="Die Verwaltung wird beauftragt.",
        decided_on=DECIDED,
        result="APPROVED",
        **values,
    )


def _page(client, paper):
    response = client.get(paper.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_consultation_row_shows_its_decision_or_offers_to_record_one(client, world):
    publish(world.public_paper)
    decided, pending = world.public_paper.consultations.order_by("position")
    decision = _record(world, decided, deadline=datetime.date(2030, 1, 1))
    decision_url = reverse("council:decision_detail", args=[decision.pk])
    record_url = reverse("council:decision_create", args=[pending.pk])

    client.force_login(world.users["staff"])
    page = _page(client, world.public_paper)
    assert decision_url in page
    assert "Beschluss vom 03.02.2021" in page
    assert "Nicht begonnen" in page
    assert record_url in page
    assert "Beschluss erfassen" in page
    assert reverse("council:decision_create", args=[decided.pk]) not in page

    # Readers follow the decision but may not record one.
    client.force_login(world.users["reader"])
    page = _page(client, world.public_paper)
    assert decision_url in page
    assert "Beschluss erfassen" not in page

    # The public sees the paper, not the council's implementation tracking.
    client.logout()
    page = _page(client, world.public_paper)
    assert decision_url not in page
    assert "Beschluss und Umsetzung" not in page


def test_a_municipality_sees_decisions_only_in_public_consultations(client, world):
    publish(world.public_paper)
    public, internal = world.public_paper.consultations.order_by("position")
    shown = _record(world, public)
    hidden = _record(world, internal)
    client.force_login(world.users["municipality_editor"])
    page = _page(client, world.public_paper)
    assert reverse("council:decision_detail", args=[shown.pk]) in page
    assert reverse("council:decision_detail", args=[hidden.pk]) not in page


def test_an_imported_paper_gets_a_council_decision_and_initiatives(client, world):
    paper = PaperFactory(
        body=world.county, subject="Importierte Vorlage", external_id="https://ris.example/paper/7"
    )
    consultation = ConsultationFactory(
        paper=paper, organization=world.committee, external_id="https://ris.example/cons/7"
    )
    staff = world.users["staff"]
    client.force_login(staff)
    page = _page(client, paper)
    create_url = reverse("council:decision_create", args=[consultation.pk])
    assert create_url in page

    response = client.post(
        create_url,
        {"text": "Der Ausschuss beschließt.", "decided_on": "2021-02-03", "result": "APPROVED"},
    )
    decision = CouncilDecision.objects.get(consultation=consultation)
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert Consultation.objects.get(pk=consultation.pk).result == "APPROVED"

    actions.link_initiatives(acting_user=staff, paper=paper, initiatives=[world.initiative])
    council_actions.link_initiative(
        acting_user=staff, decision=decision, initiative=world.initiative
    )
    page = _page(client, paper)
    assert decision.get_absolute_url() in page
    assert world.initiative.get_absolute_url() in page
    assert create_url not in page
    # The paper's own content stays the source's.
    assert Paper.objects.get(pk=paper.pk).subject == "Importierte Vorlage"


def test_linked_initiatives_show_their_traffic_light_to_those_who_may_read_them(client, world):
    staff = world.users["staff"]
    other_town = MunicipalityFactory(name="Much", parent=world.county)
    foreign = InitiativeFactory(owner_body=other_town, title="Glasfaser Much")
    actions.link_initiatives(
        acting_user=staff, paper=world.public_paper, initiatives=[world.initiative, foreign]
    )
    publish(world.public_paper)
    later = InitiativeFactory(owner_body=world.county, title="Nach der Veröffentlichung")
    actions.link_initiatives(
        acting_user=staff, paper=world.public_paper, initiatives=[world.initiative, foreign, later]
    )

    client.force_login(world.users["reader"])
    page = _page(client, world.public_paper)
    assert "Verknüpfte Vorhaben" in page
    assert f"sk-light--{TrafficLight.YELLOW}" in page
    assert "40 %" in page
    assert "Glasfaser Much" in page

    # Another municipality's initiative stays hidden from a municipality's users.
    client.force_login(world.users["municipality_editor"])
    page = _page(client, world.public_paper)
    assert world.initiative.get_absolute_url() in page
    assert "Glasfaser Much" not in page

    # The public reads the names the published version gives, not the register's data.
    client.logout()
    page = _page(client, world.public_paper)
    assert "Breitbandausbau" in page
    assert "Nach der Veröffentlichung" not in page
    assert "sk-light--" not in page
    assert world.initiative.get_absolute_url() not in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["staff", "municipality_editor"])
def test_decisions_and_initiatives_keep_the_query_count_constant(client, world, role):
    paper = world.public_paper
    publish(paper)
    staff = world.users["staff"]

    def grow(count):
        for _ in range(count):
            consultation = ConsultationFactory(paper=paper, organization=world.committee)
            _record(world, consultation)
            ConsultationFactory(paper=paper, organization=world.committee)
            InitiativeFactory(owner_body=world.county, fields=[world.field])
            actions.link_initiatives(
                acting_user=staff,
                paper=paper,
                initiatives=[*paper.initiatives.all(), InitiativeFactory(owner_body=world.town)],
            )

    client.force_login(world.users[role])
    grow(1)
    client.get(paper.get_absolute_url())
    few = _queries(client, paper.get_absolute_url())
    grow(8)
    assert _queries(client, paper.get_absolute_url()) == few
