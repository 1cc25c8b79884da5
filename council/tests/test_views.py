"""The register and the detail page of council decisions: order, filters, visibility, queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from council import actions
from council.models import CouncilDecision
from organisations.tests.factories import MunicipalityFactory, OrgUnitFactory
from portfolio.tests.factories import InitiativeFactory

from .factories import CommitteeFactory, ConsultationFactory, CouncilDecisionFactory

pytestmark = pytest.mark.django_db


def _decision(world, subject, **values):
    consultation = ConsultationFactory(
        organization=values.pop("organization", world.committee),
        paper__body=world.county,
        paper__subject=subject,
        paper__is_public=values.pop("is_public", True),
    )
    return CouncilDecisionFactory(
        consultation=consultation, recorded_by=world.users["staff"], **values
    )


def _subjects(response):
    return [decision.consultation.paper.subject for decision in response.context["page_obj"]]


def test_overdue_and_open_decisions_come_first(client, world):
    today = timezone.localdate()
    _decision(world, "Erledigt", state="DONE", done_on=datetime.date(2022, 1, 1))
    _decision(world, "Offen ohne Frist", state="OPEN")
    _decision(
        world, "Offen mit Frist", state="IN_PROGRESS", deadline=today + datetime.timedelta(30)
    )
    _decision(
        world,
        "Überfällig",
        state="DELAYED",
        delay_reason="Personal fehlt.",
        deadline=today - datetime.timedelta(1),
    )
    client.force_login(world.users["reader"])
    response = client.get(reverse("council:decision_list"))
    assert response.status_code == 200
    assert _subjects(response) == ["Überfällig", "Offen mit Frist", "Offen ohne Frist", "Erledigt"]
    page = response.content.decode()
    assert "überfällig" in page
    assert "Personal fehlt." in page
    assert "ja, am 01.01.2022" in page


def test_the_filters_select_committee_state_unit_and_period(client, world):
    other_committee = CommitteeFactory(body=world.county, name="Kreistag")
    unit = OrgUnitFactory(body=world.county)
    _decision(world, "A", organization=other_committee, state="OPEN")
    _decision(world, "B", state="IN_PROGRESS", owner_unit=unit)
    _decision(world, "C", state="OPEN", decided_on=datetime.date(2023, 5, 1))
    client.force_login(world.users["staff"])
    url = reverse("council:decision_list")
    assert _subjects(client.get(url, {"organization": other_committee.pk})) == ["A"]
    assert _subjects(client.get(url, {"state": "IN_PROGRESS"})) == ["B"]
    assert _subjects(client.get(url, {"owner_unit": unit.pk})) == ["B"]
    assert _subjects(client.get(url, {"date_from": "2023-01-01", "date_to": "2023-12-31"})) == ["C"]


def test_municipalities_see_only_decisions_on_public_papers(client, world):
    _decision(world, "Öffentlich")
    _decision(world, "Nichtöffentlich", is_public=False)
    client.force_login(world.users["municipality_editor"])
    assert _subjects(client.get(reverse("council:decision_list"))) == ["Öffentlich"]
    client.force_login(world.users["reader"])
    assert sorted(_subjects(client.get(reverse("council:decision_list")))) == [
        "Nichtöffentlich",
        "Öffentlich",
    ]


def test_the_register_needs_a_constant_number_of_queries(client, world):
    client.force_login(world.users["staff"])
    url = reverse("council:decision_list")
    _decision(world, "Erster", owner_unit=world.unit)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for index in range(8):
        _decision(world, f"Weitere {index}", owner_unit=OrgUnitFactory(body=world.county))
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["page_obj"]) == 9
    assert len(large) == len(small)


def test_the_detail_page_shows_links_and_history(client, world):
    staff = world.users["staff"]
    decision = actions.record_council_decision(
        acting_user=staff,
        consultation=world.consultation,
        text="Die Verwaltung wird beauftragt.",
        decided_on=datetime.date(2021, 2, 3),
        result="APPROVED",
    )
    world.initiative.traffic_light = "YELLOW"
    world.initiative.progress = 40
    world.initiative.save()
    actions.link_initiative(acting_user=staff, decision=decision, initiative=world.initiative)
    actions.link_initiative(acting_user=staff, decision=decision, initiative=world.town_initiative)
    other_town = MunicipalityFactory(name="Much", parent=world.county)
    other = InitiativeFactory(owner_body=other_town, title="Glasfaser Much")
    actions.link_initiative(acting_user=staff, decision=decision, initiative=other)
    actions.link_action_item(acting_user=staff, decision=decision, action_item=world.action_item)

    client.force_login(world.users["reader"])
    page = client.get(reverse("council:decision_detail", args=[decision.pk])).content.decode()
    assert "E-Akte" in page
    assert "40 %" in page
    assert "sk-light--YELLOW" in page
    assert "Stellen beschreiben" in page
    assert "Änderungsverlauf" in page
    assert "Vorhaben verknüpfen" not in page

    # Another municipality's initiative and the steering group's work stay hidden.
    client.force_login(world.users["municipality_editor"])
    page = client.get(reverse("council:decision_detail", args=[decision.pk])).content.decode()
    assert "E-Akte" in page
    assert "Glasfaser Sankt Augustin" in page
    assert "Glasfaser Much" not in page
    assert "Stellen beschreiben" not in page

    client.force_login(staff)
    page = client.get(reverse("council:decision_detail", args=[decision.pk])).content.decode()
    assert "Vorhaben verknüpfen" in page


def test_a_form_error_is_shown_in_german_and_saves_nothing(client, world):
    decision = CouncilDecisionFactory(
        consultation=world.consultation, recorded_by=world.users["staff"]
    )
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("council:decision_edit", args=[decision.pk]),
        {"state": "DELAYED", "version": decision.version},
    )
    assert response.status_code == 200
    assert "Geben Sie den Grund der Verzögerung an." in response.content.decode()
    assert CouncilDecision.objects.get(pk=decision.pk).state == "OPEN"


def test_the_detail_page_leads_to_the_paper_and_to_the_meeting_for_those_who_may_open_it(
    client, world
):
    decision = actions.record_council_decision(
        acting_user=world.users["staff"],
        consultation=world.consultation,
        text="Die Verwaltung wird beauftragt.",
        decided_on=datetime.date(2021, 2, 3),
        result="APPROVED",
    )
    url = reverse("council:decision_detail", args=[decision.pk])
    paper_url = reverse("papers:paper_detail", args=[world.consultation.paper.pk])
    meeting_url = reverse("governance:meeting_detail", args=[world.consultation.meeting.pk])

    client.force_login(world.users["staff"])
    page = client.get(url).content.decode()
    assert paper_url in page
    assert meeting_url in page
    assert f"Sitzung: {world.committee.name} am" in page

    # The meeting's page is for the committee's members: others see its date only.
    client.force_login(world.users["reader"])
    page = client.get(url).content.decode()
    assert paper_url in page
    assert meeting_url not in page
