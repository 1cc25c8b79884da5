"""The index follows every write to papers, their files and initiatives (database triggers)."""

import pytest
from django.db import connection

from papers.models import Paper, PaperFile
from search import querytext
from search.queries import Filters, SearchResults

from .factories import PaperFactory, PaperFileFactory

pytestmark = pytest.mark.django_db


def found(user, text, **filters):
    results = SearchResults(user, querytext.parse(text), Filters(**filters))
    return [hit.object for hit in results[: results.count()]]


def index_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT object_type, object_id FROM search_document")
        return sorted(cursor.fetchall())


def test_paper_subject_sections_and_files_are_indexed_and_kept_current(world):
    staff = world.users["staff"]
    paper = PaperFactory(subject="Mobilfunkversorgung", preliminary_remark="Funklöcher")
    assert found(staff, "Mobilfunkversorgung") == [paper]
    assert found(staff, "Funklöcher") == [paper]

    paper.subject = "Glasfaserausbau"
    paper.save()
    assert found(staff, "Mobilfunkversorgung") == []
    assert found(staff, "Glasfaserausbau") == [paper]

    attachment = PaperFileFactory(paper=paper, name="Förderbescheid", text="Zuwendungsbescheid")
    assert found(staff, "Förderbescheid") == [paper]
    assert found(staff, "Zuwendungsbescheid") == [paper]

    other = PaperFactory(subject="Andere Vorlage")
    attachment.paper = other
    attachment.save()
    assert found(staff, "Zuwendungsbescheid") == [other]

    attachment.delete()
    assert found(staff, "Zuwendungsbescheid") == []

    Paper.objects.filter(pk=paper.pk).update(explanation="Sachverhalt Netzplanung")
    assert found(staff, "Netzplanung") == [paper]

    paper.delete()
    assert ("paper", paper.pk) not in index_rows()


def test_papers_and_files_written_in_bulk_are_indexed_each(world):
    """An import writes a page of papers and their files in one statement each."""
    staff, county = world.users["staff"], world.county
    papers = Paper.objects.bulk_create(
        Paper(body=county, kind=Paper.Kind.DRAFT_RESOLUTION, subject=f"Sammelvorlage {word}")
        for word in ("Radverkehr", "Schulnetz", "Leitstelle")
    )
    PaperFile.objects.bulk_create(
        PaperFile(paper=paper, name=f"Anlage {n}", text=f"Gutachten{n}")
        for n, paper in enumerate([*papers, papers[0]])
    )
    assert found(staff, "Schulnetz") == [papers[1]]
    assert found(staff, "Gutachten3") == [papers[0]]
    assert found(staff, "Gutachten0") == [papers[0]]
    PaperFile.objects.filter(paper=papers[0]).delete()
    assert found(staff, "Gutachten3") == []
    Paper.objects.filter(pk=papers[2].pk).delete()
    assert ("paper", papers[2].pk) not in index_rows()
    assert found(staff, "Radverkehr") == [papers[0]]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no TRUNCATE (its flush deletes rows)"
)
def test_truncated_papers_and_initiatives_leave_no_index_rows(world):
    """The test suite's flush between live-server tests truncates every table."""
    assert {"paper", "published_paper", "initiative"} <= {kind for kind, _pk in index_rows()}
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; TRUNCATE wants them settled first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE papers_paper, portfolio_initiative CASCADE")
    assert index_rows() == []


def test_initiatives_are_indexed_and_kept_current(world):
    staff = world.users["staff"]
    initiative = world.county_initiative
    assert found(staff, "Glasfaser") == [initiative]
    initiative.description = "Funkmasten"
    initiative.save()
    assert found(staff, "Glasfaser") == []
    assert found(staff, "Funkmasten") == [initiative]
    assert found(staff, initiative.reference) == [initiative]
    initiative.delete()
    assert ("initiative", initiative.pk) not in index_rows()


def test_german_inflections_find_each_other(world):
    staff = world.users["staff"]
    singular = PaperFactory(subject="Die Schule am Markt")
    plural = PaperFactory(subject="Alle Schulen im Kreis", is_public=True)
    assert set(found(staff, "Schule", kind=Paper.Kind.DRAFT_RESOLUTION)) == {singular, plural}
    assert set(found(staff, "Schulen", kind=Paper.Kind.DRAFT_RESOLUTION)) == {singular, plural}


def test_title_matches_rank_above_body_matches(world):
    staff = world.users["staff"]
    in_body = PaperFactory(subject="Allgemeines", explanation="Es geht um Radwege.")
    in_title = PaperFactory(subject="Radwege im Kreis")
    assert found(staff, "Radwege") == [in_title, in_body]
