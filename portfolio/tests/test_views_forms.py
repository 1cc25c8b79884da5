"""Creating and changing initiatives, milestones, budget lines, links and status reports.

Every bad input shows a German message at its field and saves nothing.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from portfolio import actions
from portfolio.models import BudgetLine, Initiative, InitiativeLink, Milestone, StatusReport
from portfolio.tests.factories import (
    BudgetLineFactory,
    InitiativeFactory,
    MilestoneFactory,
)

from .conftest import register_state

pytestmark = pytest.mark.django_db


def _initiative_data(world, **overrides):
    return {
        "title": "E-Rechnung",
        "description": "Eingang elektronischer Rechnungen",
        "owner_body": world.county.pk,
        "owner_unit": world.office.pk,
        "fields": [world.field.pk],
        "status": Initiative.Status.PLANNED,
        "start_date": "2024-01-01",
        "end_date": "2025-12-31",
        "priority": Initiative.Priority.A,
        "reporting_cycle": Initiative.ReportingCycle.QUARTERLY,
        "weight": 1,
    } | overrides


def _edit_data(initiative, **overrides):
    return {
        "title": initiative.title,
        "description": initiative.description,
        "owner_body": initiative.owner_body_id,
        "owner_unit": initiative.owner_unit_id or "",
        "fields": [field.pk for field in initiative.fields.all()],
        "status": initiative.status,
        "start_date": initiative.start_date.isoformat(),
        "end_date": initiative.end_date.isoformat(),
        "priority": initiative.priority,
        "reporting_cycle": initiative.reporting_cycle,
        "weight": initiative.weight,
        "version": initiative.version,
    } | overrides


def _errors_of(response):
    """The text of the page's error messages (the summary and the fields)."""
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in html or "Es wurde nichts gespeichert" in html
    return html


@pytest.fixture
def staff(client, world):
    client.force_login(world.users["staff"])
    return world.users["staff"]


# Initiatives ------------------------------------------------------------------------------


def test_create_an_initiative(client, world, staff):
    response = client.post(
        reverse("portfolio:initiative_create"),
        _initiative_data(world, participating_bodies=[world.town.pk], demo_note="erfunden"),
    )
    initiative = Initiative.objects.get(title="E-Rechnung")
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    assert list(initiative.participating_bodies.all()) == [world.town]
    assert initiative.demo_note == "erfunden"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Das Vorhaben „E-Rechnung“ wurde angelegt." in page


def test_edit_an_initiative_records_the_change(client, world, staff):
    initiative = world.county_initiative
    url = reverse("portfolio:initiative_edit", args=[initiative.pk])
    form_page = client.get(url).content.decode()
    assert 'value="DMS-Einführung"' in form_page
    assert 'name="version" value="1"' in form_page
    response = client.post(url, _edit_data(initiative, title="DMS und E-Akte"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "DMS und E-Akte"
    assert initiative.version == 2
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes["title"] == ["DMS-Einführung", "DMS und E-Akte"]
    assert "Ihre Änderungen an „DMS und E-Akte“ wurden gespeichert." in (
        client.get(response["Location"]).content.decode()
    )


def test_a_stale_edit_is_refused_and_saves_nothing(client, world, staff):
    initiative = world.county_initiative
    stale = _edit_data(initiative, title="Meine Änderung")
    # Someone else saves in between.
    actions.update_initiative(
        acting_user=world.users["admin"], initiative=initiative, title="Deren Änderung"
    )
    before = register_state()
    response = client.post(reverse("portfolio:initiative_edit", args=[initiative.pk]), stale)
    html = _errors_of(response)
    assert "Jemand anderes hat diesen Eintrag" in html
    assert register_state() == before
    assert Initiative.objects.get(pk=initiative.pk).title == "Deren Änderung"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_date": "2025-01-01", "end_date": "2024-01-01"},
            "end_date",
            "Das geplante Ende darf nicht vor dem Beginn liegen.",
        ),
        ({"owner_body": "999999"}, "owner_body", "gültige Auswahl"),
        ({"owner_unit": "999999"}, "owner_unit", "gültige Auswahl"),
        ({"fields": ["999999"]}, "fields", "gültige Auswahl"),
        ({"parent": "999999"}, "parent", "gültige Auswahl"),
        ({"fields": []}, "fields", "Wählen Sie mindestens ein Handlungsfeld."),
        ({"status": "DONE"}, "status", "gültige Auswahl"),
        ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
        ({"start_date": "31.02.2024"}, "start_date", "gültiges Datum"),
    ],
)
def test_bad_initiative_input_is_shown_at_the_field(
    client, world, staff, overrides, field, message
):
    before = register_state()
    response = client.post(
        reverse("portfolio:initiative_create"), _initiative_data(world, **overrides)
    )
    html = _errors_of(response)
    assert message in html
    assert f'id="id_{field}_error"' in html or f'href="#id_{field}' in html
    assert register_state() == before


def test_a_unit_of_another_body_is_refused(client, world, staff):
    before = register_state()
    response = client.post(
        reverse("portfolio:initiative_create"),
        _initiative_data(world, owner_unit=world.town_unit.pk),
    )
    assert "Die Organisationseinheit gehört nicht zur verantwortlichen Körperschaft." in (
        _errors_of(response)
    )
    assert register_state() == before


def test_a_unit_editor_can_only_choose_their_own_unit(client, world):
    editor = world.users["unit_editor_own"]
    client.force_login(editor)
    form_page = client.get(reverse("portfolio:initiative_create")).content.decode()
    assert "IT und Digitalisierung" in form_page
    assert "Schulamt" not in form_page
    before = register_state()
    response = client.post(
        reverse("portfolio:initiative_create"),
        _initiative_data(world, owner_unit=world.other_office.pk),
    )
    assert "gültige Auswahl" in _errors_of(response)
    assert register_state() == before


def test_a_municipality_editor_cannot_make_the_county_responsible(client, world):
    client.force_login(world.users["municipality_editor_own"])
    before = register_state()
    response = client.post(
        reverse("portfolio:initiative_create"),
        _initiative_data(world, owner_body=world.county.pk, owner_unit=""),
    )
    assert "gültige Auswahl" in _errors_of(response)
    assert register_state() == before
    response = client.post(
        reverse("portfolio:initiative_create"),
        _initiative_data(world, owner_body=world.town.pk, owner_unit=world.town_unit.pk),
    )
    assert response.status_code == 302
    assert Initiative.objects.get(title="E-Rechnung").owner_body == world.town


def test_a_municipality_editor_cannot_hand_their_initiative_to_another_body(client, world):
    initiative = world.town_initiative
    client.force_login(world.users["municipality_editor_own"])
    before = register_state()
    response = client.post(
        reverse("portfolio:initiative_edit", args=[initiative.pk]),
        _edit_data(initiative, owner_body=world.other_town.pk, owner_unit=""),
    )
    assert "gültige Auswahl" in _errors_of(response)
    assert register_state() == before


def test_an_initiative_cannot_become_part_of_its_own_part(client, world, staff):
    parent = world.county_initiative
    child = InitiativeFactory(
        title="Teil",
        parent=parent,
        owner_body=world.county,
        owner_unit=world.office,
        fields=[world.field],
    )
    before = register_state()
    response = client.post(
        reverse("portfolio:initiative_edit", args=[parent.pk]),
        _edit_data(parent, parent=child.pk),
    )
    assert "Ein Vorhaben kann nicht Teil von sich selbst" in _errors_of(response)
    assert register_state() == before


def test_delete_asks_first_then_deletes(client, world, staff):
    initiative = world.county_initiative
    url = reverse("portfolio:initiative_delete", args=[initiative.pk])
    page = client.get(url).content.decode()
    assert "Vorhaben „DMS-Einführung“ löschen?" in page
    assert 'method="post"' in page
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:initiative_list")
    assert not Initiative.objects.filter(pk=initiative.pk).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count() == 1


def test_an_initiative_with_sub_initiatives_is_not_deleted(client, world, staff):
    parent = world.county_initiative
    InitiativeFactory(parent=parent, owner_body=world.county, fields=[world.field])
    before = register_state()
    response = client.post(reverse("portfolio:initiative_delete", args=[parent.pk]))
    assert response.status_code == 200
    assert "Löschen oder verschieben Sie zuerst die Teilvorhaben." in response.content.decode()
    assert register_state() == before


# Milestones -------------------------------------------------------------------------------


def test_add_edit_and_delete_a_milestone(client, world, staff):
    initiative = world.county_initiative
    response = client.post(
        reverse("portfolio:milestone_create", args=[initiative.pk]),
        {"title": "Pilot", "planned_date": "2022-06-30"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#milestones")
    milestone = Milestone.objects.get()
    url = reverse("portfolio:milestone_edit", args=[initiative.pk, milestone.pk])
    response = client.post(
        url,
        {"title": "Pilot", "planned_date": "2022-06-30", "actual_date": "2022-07-01", "version": 1},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.actual_date == datetime.date(2022, 7, 1)
    assert milestone.version == 2
    delete_url = reverse("portfolio:milestone_delete", args=[initiative.pk, milestone.pk])
    assert "Meilenstein „Pilot“ löschen?" in client.get(delete_url).content.decode()
    client.post(delete_url)
    assert not Milestone.objects.exists()
    assert AuditEntry.objects.filter(subject_type__model="milestone").count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"title": "Zu früh", "planned_date": "2020-06-30"},
            "Das Datum liegt vor dem Beginn des Vorhabens (01.01.2021).",
        ),
        (
            {"title": "Zu spät", "planned_date": "2030-01-01"},
            "Das Datum liegt nach dem geplanten Ende des Vorhabens (31.12.2027).",
        ),
        ({"title": "", "planned_date": "2022-01-01"}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_milestone_input_is_refused(client, world, staff, data, message):
    before = register_state()
    response = client.post(
        reverse("portfolio:milestone_create", args=[world.county_initiative.pk]), data
    )
    assert message in _errors_of(response)
    assert register_state() == before


def test_a_stale_milestone_edit_is_refused(client, world, staff):
    milestone = MilestoneFactory(initiative=world.county_initiative, title="Pilot")
    actions.update_milestone(acting_user=staff, milestone=milestone, title="Pilotphase")
    before = register_state()
    response = client.post(
        reverse("portfolio:milestone_edit", args=[milestone.initiative_id, milestone.pk]),
        {"title": "Mein Titel", "planned_date": "2022-06-30", "version": 1},
    )
    assert "Jemand anderes hat diesen Eintrag" in _errors_of(response)
    assert register_state() == before
    assert Milestone.objects.get().title == "Pilotphase"


# Budget lines -----------------------------------------------------------------------------


def test_add_edit_and_delete_a_budget_line(client, world, staff):
    initiative = world.county_initiative
    response = client.post(
        reverse("portfolio:budget_line_create", args=[initiative.pk]),
        {
            "year": 2023,
            "amount": "200000",
            "funding_source": "GRANT",
            "grant_programme": "Gigabit.NRW",
            "grant_amount": "150000",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#budget")
    line = BudgetLine.objects.get()
    assert line.grant_amount == Decimal("150000")
    response = client.post(
        reverse("portfolio:budget_line_edit", args=[initiative.pk, line.pk]),
        {"year": 2023, "amount": "250000", "funding_source": "OWN_FUNDS", "version": 1},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("250000")
    assert line.grant_amount is None
    client.post(reverse("portfolio:budget_line_delete", args=[initiative.pk, line.pk]))
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"year": 2023, "amount": "-5", "funding_source": "OWN_FUNDS"},
            "Der Betrag darf nicht negativ sein.",
        ),
        (
            {
                "year": 2023,
                "amount": "1000",
                "funding_source": "GRANT",
                "grant_programme": "Gigabit.NRW",
                "grant_amount": "2000",
            },
            "Die Fördermittel dürfen nicht höher sein als der Haushaltsansatz.",
        ),
        (
            {"year": 2023, "amount": "1000", "funding_source": "GRANT", "grant_amount": "500"},
            "Nennen Sie das Förderprogramm.",
        ),
        ({"year": 1800, "amount": "1000", "funding_source": "OWN_FUNDS"}, "zwischen 1990 und 2100"),
        ({"year": 2023, "amount": "1000", "funding_source": "LOTTERY"}, "gültige Auswahl"),
    ],
)
def test_bad_budget_input_is_refused(client, world, staff, data, message):
    before = register_state()
    response = client.post(
        reverse("portfolio:budget_line_create", args=[world.county_initiative.pk]), data
    )
    assert message in _errors_of(response)
    assert register_state() == before


def test_a_stale_budget_line_edit_is_refused(client, world, staff):
    line = BudgetLineFactory(initiative=world.county_initiative)
    actions.update_budget_line(acting_user=staff, budget_line=line, amount=Decimal("5"))
    before = register_state()
    response = client.post(
        reverse("portfolio:budget_line_edit", args=[line.initiative_id, line.pk]),
        {"year": 2022, "amount": "7", "funding_source": "OWN_FUNDS", "version": 1},
    )
    assert "Jemand anderes hat diesen Eintrag" in _errors_of(response)
    assert register_state() == before
    assert BudgetLine.objects.get().amount == Decimal("5")


# Links ------------------------------------------------------------------------------------


def test_add_edit_and_delete_a_link(client, world, staff):
    initiative = world.county_initiative
    client.post(
        reverse("portfolio:link_create", args=[initiative.pk]),
        {"title": "Vorlage", "url": "https://example.org/vorlage"},
    )
    link = InitiativeLink.objects.get()
    client.post(
        reverse("portfolio:link_edit", args=[initiative.pk, link.pk]),
        {"title": "Beschlussvorlage", "url": "https://example.org/vorlage"},
    )
    link.refresh_from_db()
    assert link.title == "Beschlussvorlage"
    client.post(reverse("portfolio:link_delete", args=[initiative.pk, link.pk]))
    assert not InitiativeLink.objects.exists()
    assert AuditEntry.objects.filter(subject_type__model="initiativelink").count() == 3


def test_a_bad_link_address_is_refused(client, world, staff):
    before = register_state()
    response = client.post(
        reverse("portfolio:link_create", args=[world.county_initiative.pk]),
        {"title": "Vorlage", "url": "kein link"},
    )
    assert "gültige Adresse" in _errors_of(response)
    assert register_state() == before


# Status reports ---------------------------------------------------------------------------

REPORT = {
    "reported_on": "2024-01-15",
    "overall": "YELLOW",
    "schedule": "RED",
    "cost": "GREEN",
    "scope": "GREEN",
    "progress": 45,
    "summary": "Ausschreibung verzögert.",
}


def test_submit_a_status_report_updates_light_and_progress(client, world, staff):
    initiative = world.county_initiative
    response = client.post(reverse("portfolio:status_report_create", args=[initiative.pk]), REPORT)
    assert response.status_code == 302
    assert response["Location"].endswith("#reports")
    initiative.refresh_from_db()
    assert initiative.traffic_light == "YELLOW"
    assert initiative.progress == 45
    assert StatusReport.objects.get().author == staff
    assert "Der Statusbericht wurde abgegeben." in client.get(response["Location"]).content.decode()


def test_the_traffic_light_choices_show_their_colour(client, world, staff):
    url = reverse("portfolio:status_report_create", args=[world.county_initiative.pk])
    html = client.get(url).content.decode()
    labels = dict(re.findall(r'<label class="kern-label" for="id_(\w+)">\s*(.*?)\s*</label>', html))
    for name in ("overall", "schedule", "cost", "scope"):
        for number, (light, word) in enumerate(
            (("GREEN", "grün"), ("YELLOW", "gelb"), ("RED", "rot"))
        ):
            assert (
                labels[f"{name}_{number}"]
                == f'<span class="sk-light sk-light--{light}">{word}</span>'
            )


def test_a_completed_initiative_takes_no_status_report(client, world, staff):
    initiative = world.county_initiative
    Initiative.objects.filter(pk=initiative.pk).update(status=Initiative.Status.COMPLETED)
    url = reverse("portfolio:status_report_create", args=[initiative.pk])
    message = "Zu einem abgeschlossenen oder eingestellten Vorhaben"
    page = client.get(url).content.decode()
    assert message in page
    assert 'method="post"' not in page.split("<main")[1]
    before = register_state()
    assert message in _errors_of(client.post(url, REPORT))
    assert register_state() == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reported_on": "2099-01-01"}, "Das Berichtsdatum darf nicht in der Zukunft liegen."),
        ({"progress": 120}, "kleiner oder gleich 100"),
        ({"overall": "BLUE"}, "gültige Auswahl"),
        ({"summary": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_status_report_input_is_refused(client, world, staff, overrides, message):
    before = register_state()
    response = client.post(
        reverse("portfolio:status_report_create", args=[world.county_initiative.pk]),
        REPORT | overrides,
    )
    assert message in _errors_of(response)
    assert register_state() == before


def test_a_parent_the_editor_may_not_read_stays_unnamed_and_unchanged(client, world):
    initiative = world.town_initiative
    Initiative.objects.filter(pk=initiative.pk).update(parent=world.other_town_initiative)
    initiative.refresh_from_db()
    client.force_login(world.users["municipality_editor_own"])
    url = reverse("portfolio:initiative_edit", args=[initiative.pk])
    assert "Troisdorfer Ratsinformation" not in client.get(url).content.decode()
    response = client.post(url, _edit_data(initiative, title="Bürgerbüro 2.0"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Bürgerbüro 2.0"
    assert initiative.parent == world.other_town_initiative


def test_an_edit_without_its_version_is_refused(client, world, staff):
    initiative = world.county_initiative
    data = _edit_data(initiative, title="Ohne Version")
    del data["version"]
    before = register_state()
    response = client.post(reverse("portfolio:initiative_edit", args=[initiative.pk]), data)
    assert "Das Formular ist unvollständig." in _errors_of(response)
    assert register_state() == before
