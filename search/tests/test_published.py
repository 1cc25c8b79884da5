"""Users who may not read internal papers search an own paper only as it was published: its
published version and the files published with it, never a new draft or an unpublished
attachment. Internal readers search the live text. Through the actions, as the staff unit
works, and the index's triggers."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from papers import actions
from papers.models import Paper

from .factories import PaperFactory, PaperFileFactory
from .test_views import COUNTY_ROLES, MUNICIPALITY_ROLES, URL, hits, search

pytestmark = pytest.mark.django_db

migration = importlib.import_module("search.migrations.0002_published_papers")

# Words only in the new draft (subject, sections) and in an attachment added to it.
DRAFT_WORDS = ["Quartiersgarage", "Ladesäulenkonzept", "Zwischenfinanzierung", "Vergabevermerk"]


@pytest.fixture
def paper(world):
    """A published paper of the county, then changed in a new draft with a new attachment."""
    staff = world.users["staff"]
    paper = PaperFactory(
        body=world.county,
        reference="BV/0100/2024",
        date=datetime.date(2024, 3, 1),
        subject="Mobilitätsstationen im Kreis",
        explanation="Die Mobilitätsstationen verbinden Bus und Rad.",
        published=False,
    )
    PaperFileFactory(paper=paper, name="Standortliste", text="Mobilitätsstationen Haltestellen")
    actions.finalise_paper(acting_user=staff, paper=paper)
    actions.update_paper(
        acting_user=staff,
        paper=paper,
        subject="Mobilitätsstationen und Quartiersgarage",
        date=datetime.date(2024, 9, 30),
        preliminary_remark="Mobilitätsstationen mit Ladesäulenkonzept",
        explanation="Die Mobilitätsstationen brauchen eine Zwischenfinanzierung.",
    )
    PaperFileFactory(paper=paper, name="Kostenschätzung", text="Mobilitätsstationen Vergabevermerk")
    return Paper.objects.get(pk=paper.pk)


@pytest.mark.parametrize("role", MUNICIPALITY_ROLES)
def test_the_public_finds_no_draft_word_nor_unpublished_attachment(client, world, paper, role):
    for word in [*DRAFT_WORDS, "Kostenschätzung"]:
        response = search(client, world.users[role], q=word)
        assert hits(response) == []
        assert response.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("role", MUNICIPALITY_ROLES)
def test_the_public_finds_the_published_words_and_sees_no_draft_in_title_or_snippet(
    client, world, paper, role
):
    for word in ["Mobilitätsstationen", "Bus", "Standortliste", "Haltestellen"]:
        response = search(client, world.users[role], q=word)
        assert hits(response) == [paper]
    response = search(client, world.users[role], q="Mobilitätsstationen")
    html = response.content.decode()
    assert "<mark>Mobilitätsstationen</mark> im Kreis" in html
    for word in [*DRAFT_WORDS, "Kostenschätzung"]:
        assert word not in html
    # The date as published, not the draft's.
    assert "01.03.2024" in html
    assert "30.09.2024" not in html


@pytest.mark.parametrize("role", COUNTY_ROLES)
def test_internal_readers_find_the_drafts_words(client, world, paper, role):
    for word in [*DRAFT_WORDS, "Kostenschätzung"]:
        assert hits(search(client, world.users[role], q=word)) == [paper]
    html = search(client, world.users[role], q="Quartiersgarage").content.decode()
    assert "<mark>Quartiersgarage</mark>" in html
    assert "30.09.2024" in html


def test_finalising_publishes_the_draft_and_its_attachment_to_search(client, world, paper):
    staff, town_user = world.users["staff"], world.users["municipality_reader"]
    assert hits(search(client, town_user, q="Vergabevermerk")) == []
    actions.finalise_paper(acting_user=staff, paper=paper)
    for word in [*DRAFT_WORDS, "Kostenschätzung"]:
        assert hits(search(client, town_user, q=word)) == [paper]
    assert hits(search(client, town_user, q="Bus")) == []

    actions.remove_file(acting_user=staff, paper_file=paper.files.get(name="Kostenschätzung"))
    assert hits(search(client, town_user, q="Vergabevermerk")) == []
    assert hits(search(client, town_user, q="Quartiersgarage")) == [paper]


def test_a_withdrawn_paper_is_not_found_by_the_public(client, world, paper):
    Paper.objects.filter(pk=paper.pk).update(is_public=False)
    assert hits(search(client, world.users["municipality_reader"], q="Mobilitätsstationen")) == []
    assert hits(search(client, world.users["reader"], q="Mobilitätsstationen")) == [paper]


def test_imported_papers_are_found_by_the_public_as_imported(client, world):
    imported = PaperFactory(
        external_id="https://ris.example.org/oparl/paper/7", subject="Radschnellweg Bonn"
    )
    assert imported.published_version is None
    assert hits(search(client, world.users["municipality_reader"], q="Radschnellweg")) == [imported]


def test_query_count_for_the_public_does_not_grow_with_the_data(client, world):
    user = world.users["municipality_reader"]
    staff = world.users["staff"]

    def grow_to(total):
        for number in range(Paper.objects.count(), total):
            grown = PaperFactory(subject=f"Radweg {number}", explanation="Ein Radweg")
            PaperFileFactory(paper=grown, text="Radweg")
            actions.update_paper(acting_user=staff, paper=grown, explanation="Neuer Radweg")
            PaperFactory(subject=f"Imported Radweg {number}", external_id=f"x{number}")

    def queries():
        client.force_login(user)
        with CaptureQueriesContext(connection) as context:
            response = client.get(URL, {"q": "Radweg"})
        assert response.status_code == 200
        assert len(hits(response)) > 0
        return len(context)

    grow_to(10)
    small = queries()
    grow_to(50)
    assert queries() == small


def _published_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title, body FROM search_document "
            "WHERE object_type = 'published_paper' ORDER BY object_id"
        )
        return cursor.fetchall()


def _published_bodies():
    return {object_id: body for object_id, _title, body in _published_rows()}


def test_the_migration_indexes_existing_papers_and_is_reversible(world, paper):
    with connection.cursor() as cursor:
        editor = SimpleNamespace(
            connection=connection, execute=lambda sql, params: cursor.execute(sql)
        )
        indexed = _published_rows()
        assert [row[0] for row in indexed] == [world.public_paper.pk, paper.pk]
        migration.drop_published_papers(None, editor)
        assert _published_rows() == []
        migration.index_published_papers(None, editor)
    assert _published_rows() == indexed
    _object_id, title, body = indexed[1]
    assert title == "BV/0100/2024 Mobilitätsstationen im Kreis"
    assert "Standortliste" in body
    assert "Bus" in body
    assert not any(word in title + body for word in DRAFT_WORDS)


def test_each_public_hit_links_to_its_paper(client, world, paper):
    html = search(client, world.users["municipality_editor"], q="Mobilitätsstationen")
    assert f'href="{reverse("papers:paper_detail", args=[paper.pk])}"' in html.content.decode()


def test_the_published_row_follows_its_files_and_the_paper(world, paper):
    other = world.public_paper
    standortliste = paper.files.get(name="Standortliste")
    standortliste.paper = other
    standortliste.save()
    assert "Haltestellen" in _published_bodies()[other.pk]
    assert "Haltestellen" not in _published_bodies()[paper.pk]

    standortliste.text = "Fahrradboxen"
    standortliste.save()
    assert "Fahrradboxen" in _published_bodies()[other.pk]

    paper.delete()
    assert [row[0] for row in _published_rows()] == [other.pk]
