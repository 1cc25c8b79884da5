"""Importing the shared OParl fixtures: every object type, references, bodies, problems."""

import datetime

import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from governance.models import AgendaItem, LegislativeTerm, Meeting, Membership, Organization
from oparl_import.models import ImportProblem, ImportRun
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

from .conftest import real_system_server, run_import

pytestmark = pytest.mark.django_db


def test_koeln_example_set_imports_every_object_type(koeln):
    output = run_import(koeln.system_url)

    body = Body.objects.get(external_id=koeln.url("https://oparl.example.org/body/1"))
    assert (body.name, body.short_name, body.kind, body.ags, body.ars) == (
        "Stadt Köln, kreisfreie Stadt",
        "Köln",
        Body.Kind.OTHER,
        "05315000",
        "053150000000",
    )
    assert LegislativeTerm.objects.get(body=body).name == "21. Wahlperiode"

    committee = Organization.objects.get(body=body)
    assert (committee.name, committee.short_name, committee.kind, committee.start_date) == (
        "Ausschuss für Haushalt und Finanzen",
        "Finanzausschuss",
        Organization.Kind.COMMITTEE,
        datetime.date(2012, 7, 17),
    )

    person = Person.objects.get()
    assert (person.title, person.given_name, person.family_name, person.email) == (
        "Prof. Dr.",
        "Max",
        "Mustermann",
        "max@mustermann.de",
    )
    membership = Membership.objects.get()
    assert (membership.person, membership.organization) == (person, committee)
    assert (membership.role, membership.function_title, membership.start_date) == (
        Membership.Role.CHAIR,
        "Vorsitzende",
        datetime.date(2013, 12, 3),
    )

    meeting = Meeting.objects.get()
    assert meeting.organization == committee
    assert meeting.name == "4. Sitzung des Finanzausschusses"
    assert meeting.start == datetime.datetime(2013, 1, 4, 7, 0, tzinfo=datetime.UTC)
    assert meeting.end == datetime.datetime(2013, 1, 4, 11, 0, tzinfo=datetime.UTC)
    assert meeting.state == Meeting.State.HELD
    assert meeting.venue.description.startswith("Rathaus der Beispielstadt")
    assert meeting.location == meeting.venue.description
    assert sorted(meeting.files.values_list("name", flat=True)) == [
        "Einladung",
        "Nachtrags-Tagesordnung",
        "Protokoll",
        "Wortprotokoll",
    ]

    item = AgendaItem.objects.get()
    assert (item.meeting, item.number, item.position, item.title) == (
        meeting,
        "10.1",
        1,
        "Satzungsänderung für Ausschreibungen",
    )
    assert item.is_public
    assert item.result == "Geändert beschlossen"
    assert item.resolution_text.startswith("Der Beschluss weicht")

    paper = Paper.objects.get()
    assert (paper.body, paper.kind, paper.paper_type, paper.reference, paper.date) == (
        body,
        Paper.Kind.OTHER,
        "Beantwortung einer Anfrage",
        "1234/2014",
        datetime.date(2014, 4, 4),
    )
    assert paper.subject == "Antwort auf Anfrage 1200/2014"
    assert paper.originator_organization == committee
    consultation = Consultation.objects.get()
    assert (consultation.paper, consultation.meeting, consultation.organization) == (
        paper,
        meeting,
        committee,
    )
    assert (consultation.role, consultation.authoritative, consultation.planned_date) == (
        "Beschlussfassung",
        True,
        datetime.date(2013, 1, 4),
    )
    # The consultation names an agenda item the source does not have.
    assert consultation.agenda_item is None
    main, auxiliary = paper.files.order_by("-is_main_file")
    assert (main.name, main.file_name, main.mime_type, main.size, main.is_main_file) == (
        "Anlage 1 zur Anfrage",
        "anlage_1_zur_anfrage.pdf",
        "application/pdf",
        82930,
        True,
    )
    assert main.access_url == koeln.url("https://oparl.example.org/files/0.pdf")
    assert not main.content
    assert auxiliary.text == "Der Übersichtsplan zeigt alle Ebenen des ..."

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert list(run.problems.values_list("object_id", "message")) == [
        (
            koeln.url("https://oparl.example.org/consultation/47594"),
            "Verweis auf fehlendes Objekt "
            + koeln.url("https://oparl.example.org/agendaitem/15569")
            + ".",
        )
    ]
    assert run.counts["papers.Paper"] == {"created": 1, "updated": 0, "unchanged": 0, "deleted": 0}
    assert "Vorlagen (Stadt Köln, kreisfreie Stadt): Seite 1, 1 Objekte" in output
    assert "1 Probleme:" in output
    assert "Import abgeschlossen." in output
    # One audit entry for the whole run, none per object.
    entry = AuditEntry.objects.get()
    assert (entry.source, entry.actor_name, entry.subject_id) == (
        AuditEntry.Source.IMPORT,
        "OParl-Import",
        str(run.pk),
    )


def test_existing_body_is_matched_by_ags_and_left_as_it_is(koeln):
    county = Body.objects.create(name="Köln", kind=Body.Kind.MUNICIPALITY, ags="05315000")

    run_import(koeln.system_url)

    assert Body.objects.get() == county
    county.refresh_from_db()
    assert (county.name, county.external_id) == ("Köln", "")
    assert Organization.objects.get().body == county
    assert Paper.objects.get().body == county


@pytest.mark.parametrize(
    ("file_name", "name"),
    [
        ("Kreisverwaltung Euskirchen.json", "Kreisverwaltung Euskirchen"),
        ("Stadt Leipzig.json", "Stadt Leipzig"),
        ("Steinhagen.json", "Gemeinde Steinhagen"),
    ],
)
def test_real_oparl_10_bodies(file_name, name):
    server = real_system_server(file_name)
    try:
        run_import(server.system_url)
    finally:
        server.stop()
    body = Body.objects.get()
    assert body.name == name
    assert body.kind == Body.Kind.OTHER
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED


def test_existing_body_is_matched_by_name():
    leipzig = Body.objects.create(name="Stadt Leipzig", kind=Body.Kind.MUNICIPALITY)
    server = real_system_server("Stadt Leipzig.json")
    try:
        run_import(server.system_url)
    finally:
        server.stop()
    assert Body.objects.get() == leipzig
    assert list(leipzig.legislative_terms.values_list("name", flat=True)) == [
        "Wahlperiode V",
        "Wahlperiode VI",
    ]


def test_references_to_missing_objects_are_reported_not_fatal(wuppertal_missing):
    output = run_import(wuppertal_missing.system_url)

    meeting_id = wuppertal_missing.url("http://oparl.wuppertal.de/oparl/bodies/0001/meetings/19160")
    organization = wuppertal_missing.url(
        "http://oparl.wuppertal.de/oparl/bodies/0001/organizations/gr/230"
    )
    assert not Meeting.objects.exists()
    assert not PaperFile.objects.exists()
    assert Body.objects.get().name == "Instance 0001"
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.SUCCEEDED
    problems = list(ImportProblem.objects.values_list("object_id", "message"))
    assert problems == [
        (meeting_id, f"Verweis auf fehlendes Objekt {organization} (HTTP 404)."),
        (meeting_id, f"Verweis auf fehlendes Objekt {organization[:-1]}1 (HTTP 404)."),
        (meeting_id, "Sitzung ohne vorhandenes Gremium übersprungen."),
    ]
    assert "3 Probleme:" in output
    assert f"{meeting_id}: Sitzung ohne vorhandenes Gremium übersprungen." in output


def test_quiet_with_verbosity_0(koeln, capsys):
    call_command("import_oparl", koeln.system_url, verbosity=0)
    assert capsys.readouterr().out == ""
    assert Paper.objects.count() == 1
