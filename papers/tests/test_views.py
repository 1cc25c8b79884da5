"""The papers' pages: filters, pagination, forms, versions; a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from papers import actions
from papers.models import Paper, PaperBlock
from portfolio.tests.factories import InitiativeFactory

from .factories import ConsultationFactory, PaperFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_filters_by_kind_committee_and_date(client, world):
    motion = PaperFactory(
        body=world.county,
        kind=Paper.Kind.MOTION,
        subject="Antrag Glasfaser",
        date=datetime.date(2020, 5, 25),
        originator_organization=world.council_group,
    )
    client.force_login(world.users["reader"])
    url = reverse("papers:paper_list")
    html = client.get(url, {"kind": "MOTION"}).content.decode()
    assert motion.subject in html
    assert world.public_paper.subject not in html
    html = client.get(url, {"committee": world.committee.pk}).content.decode()
    assert world.public_paper.subject in html
    assert motion.subject not in html
    html = client.get(url, {"date_until": "2020-12-31"}).content.decode()
    assert motion.subject in html
    assert world.public_paper.subject not in html
    assert "SPD-Kreistagsfraktion" in html


def test_the_list_is_paginated(client, world):
    for number in range(30):
        PaperFactory(body=world.county, subject=f"Mitteilung {number:02d}", published=True)
    response = client.get(reverse("papers:paper_list"))
    assert "Seite 1 von 2" in response.content.decode()
    assert "Seite 2 von 2" in client.get(reverse("papers:paper_list"), {"page": 2}).content.decode()


def test_the_list_needs_the_same_queries_for_few_and_many_papers(client, world):
    client.force_login(world.users["staff"])
    url = reverse("papers:paper_list") + f"?committee={world.committee.pk}"
    few = _queries(client, url)
    for number in range(15):
        paper = PaperFactory(
            body=world.county, subject=f"Vorlage {number}", originator_unit=world.office
        )
        ConsultationFactory(paper=paper, organization=world.committee)
    assert _queries(client, url) == few


def test_the_detail_page_needs_the_same_queries_for_small_and_large_papers(client, world):
    paper = world.public_paper
    staff = world.users["staff"]
    actions.add_block(
        acting_user=staff,
        paper=paper,
        kind=PaperBlock.Kind.INITIATIVE_STATUS,
        title="Status quo",
        parameters={"fields": [world.field.pk, world.other_field.pk]},
    )
    client.force_login(staff)
    few = _queries(client, paper.get_absolute_url())
    for number in range(10):
        ConsultationFactory(paper=paper, organization=world.committee, role=f"Rolle {number}")
        InitiativeFactory(owner_body=world.county, fields=[world.field])
        actions.link_initiatives(
            acting_user=staff, paper=paper, initiatives=list(paper.initiatives.all())
        )
        paper.related_papers.add(PaperFactory(body=world.county))
    assert _queries(client, paper.get_absolute_url()) == few


def test_the_detail_page_shows_the_sections_the_demo_note_and_the_live_block(client, world):
    paper = world.public_paper
    Paper.objects.filter(pk=paper.pk).update(
        resolution_proposal="Der Beschluss ergibt sich aus den Beratungen.",
        demo_note="Demo: Aktenzeichen erfunden.",
    )
    actions.add_block(
        acting_user=world.users["staff"],
        paper=paper,
        kind=PaperBlock.Kind.INDICATOR_CHART,
        title="Breitband",
        parameters={"indicator": world.indicator.pk},
    )
    # The draft with its live data is internal (the public reads published versions only).
    client.force_login(world.users["reader"])
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Beschlussvorschlag" in html
    assert "Der Beschluss ergibt sich aus den Beratungen." in html
    assert "Demo: Aktenzeichen erfunden." in html
    assert "<svg" in html
    assert "Entwurf" in html


def test_a_version_shows_its_old_figures_after_the_register_changed(client, world):
    paper = world.public_paper
    staff = world.users["staff"]
    actions.add_block(
        acting_user=staff,
        paper=paper,
        kind=PaperBlock.Kind.TRAFFIC_LIGHTS,
        title="Ampel",
        parameters={"fields": []},
    )
    client.force_login(staff)
    response = client.post(reverse("papers:paper_finalise", args=[paper.pk]))
    assert response.status_code == 302
    world.initiative.title = "Umbenanntes Vorhaben"
    world.initiative.save()
    version_url = reverse("papers:version_detail", args=[paper.pk, 1])
    for url in (paper.get_absolute_url(), version_url):
        html = client.get(url).content.decode()
        assert "Breitbandausbau" in html
        assert "Umbenanntes Vorhaben" not in html
    actions.update_paper(acting_user=staff, paper=paper, subject="Neu")
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Umbenanntes Vorhaben" in html
    assert version_url in html
    assert client.get(reverse("papers:version_detail", args=[paper.pk, 2])).status_code == 404


@pytest.mark.parametrize(
    "url_name",
    [
        "paper_create",
        "template_list",
        "paper_edit",
        "paper_links",
        "consultation_create",
        "file_create",
        "block_create",
    ],
)
def test_the_staff_unit_sees_every_form(client, world, url_name):
    client.force_login(world.users["staff"])
    args = [] if url_name in ("paper_create", "template_list") else [world.public_paper.pk]
    assert client.get(reverse(f"papers:{url_name}", args=args)).status_code == 200


def test_an_invalid_form_shows_a_german_message_and_saves_nothing(client, world):
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("papers:paper_create"),
        {
            "kind": "MOTION",
            "reference": "AN/0001/2024",
            "date": "2024-05-01",
            "subject": "Antrag ohne Fraktion",
            "originator_unit": world.office.pk,
            "affects_budget": "unknown",
            "funds_available": "unknown",
            "unplanned_spending": "unknown",
        },
    )
    assert response.status_code == 200
    assert "Ein Antrag kommt von einer Fraktion." in response.content.decode()
    assert not Paper.objects.filter(reference="AN/0001/2024").exists()
