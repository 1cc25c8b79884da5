"""The public reads a paper only through its published version: the one last finalised while
the paper was public, with the attachments published with it. Internal readers see drafts
with their live data. Through the actions, as the staff unit works."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oparl.models import Tombstone
from papers import actions
from papers.models import Paper, PaperBlock, PaperVersion
from portfolio.tests.factories import InitiativeFactory
from smartkreis.testing.documents import read_docx, read_pdf

from .conftest import minimal_pdf

pytestmark = pytest.mark.django_db

migration = importlib.import_module("papers.migrations.0005_published_version")


def _oparl(client, slug, pk):
    return client.get(reverse("oparl:object", args=[slug, pk]))


@pytest.fixture
def draft(world):
    """The world's public paper as the staff unit prepares it: a live block, an attachment."""
    staff = world.users["staff"]
    paper = world.public_paper
    actions.add_block(
        acting_user=staff,
        paper=paper,
        kind=PaperBlock.Kind.TRAFFIC_LIGHTS,
        title="Ampel",
        parameters={"fields": []},
    )
    actions.add_file(
        acting_user=staff,
        paper=paper,
        upload=SimpleUploadedFile("anlage.pdf", minimal_pdf("Anlage")),
        name="Anlage 1",
    )
    return Paper.objects.get(pk=paper.pk)


def _urls(paper):
    paper_file = paper.files.get()
    return {
        "detail": paper.get_absolute_url(),
        "pdf": reverse("papers:paper_pdf", args=[paper.pk]),
        "docx": reverse("papers:paper_docx", args=[paper.pk]),
        "file": reverse("papers:file_download", args=[paper.pk, paper_file.pk]),
    }


def test_a_public_paper_never_finalised_is_internal(client, world, draft):
    for url in _urls(draft).values():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))
    assert draft.subject not in client.get(reverse("papers:paper_list")).content.decode()
    assert _oparl(client, "paper", draft.pk).status_code == 404
    assert _oparl(client, "file", draft.files.get().pk).status_code == 404

    client.force_login(world.users["municipality_editor"])
    for url in _urls(draft).values():
        assert client.get(url).status_code == 404, url
    found = client.get(reverse("search:search"), {"q": "Smarter"}).content.decode()
    assert draft.get_absolute_url() not in found

    client.force_login(world.users["reader"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Breitbandausbau" in page  # the live block
    assert "Entwurf" in page


def test_the_public_keeps_reading_the_published_version_while_a_new_draft_is_prepared(
    client, world, draft
):
    staff = world.users["staff"]
    actions.finalise_paper(acting_user=staff, paper=draft)
    published_file = draft.files.get()
    # After publication: a change of the draft, a new attachment, a new initiative.
    actions.update_paper(acting_user=staff, paper=draft, explanation="Neuer Entwurfstext")
    actions.add_file(
        acting_user=staff,
        paper=draft,
        upload=SimpleUploadedFile("neu.pdf", minimal_pdf("Neu")),
        name="Anlage 2",
    )
    InitiativeFactory(owner_body=world.county, title="Nachgereichtes Vorhaben")
    new_file = draft.files.exclude(pk=published_file.pk).get()

    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Fassung 1" in page
    assert "Breitbandausbau" in page
    for unpublished in ("Neuer Entwurfstext", "Nachgereichtes Vorhaben", "Anlage 2", "Entwurf:"):
        assert unpublished not in page, unpublished
    pdf = read_pdf(client.get(reverse("papers:paper_pdf", args=[draft.pk])).getvalue())
    assert "Fassung 1" in pdf.text
    assert "Nachgereichtes Vorhaben" not in pdf.text
    docx = client.get(reverse("papers:paper_docx", args=[draft.pk])).getvalue()
    docx_texts = str(read_docx(docx))
    assert "Neuer Entwurfstext" not in docx_texts
    download = reverse("papers:file_download", args=[draft.pk, published_file.pk])
    assert client.get(download).status_code == 200
    hidden = client.get(reverse("papers:file_download", args=[draft.pk, new_file.pk]))
    assert hidden.status_code == 404
    assert _oparl(client, "file", published_file.pk).status_code == 200
    assert _oparl(client, "file", new_file.pk).status_code == 404
    oparl_paper = _oparl(client, "paper", draft.pk).json()
    assert [paper_file["name"] for paper_file in oparl_paper["auxiliaryFile"]] == ["Anlage 1"]

    client.force_login(world.users["reader"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Neuer Entwurfstext" in page
    assert "Nachgereichtes Vorhaben" in page

    # The next finalisation publishes the new attachment with version 2.
    actions.finalise_paper(acting_user=staff, paper=Paper.objects.get(pk=draft.pk))
    client.logout()
    assert (
        client.get(reverse("papers:file_download", args=[draft.pk, new_file.pk])).status_code == 200
    )
    assert "Neuer Entwurfstext" in client.get(draft.get_absolute_url()).content.decode()


def test_a_version_finalised_while_non_public_is_never_shown_to_the_public(client, world, draft):
    staff = world.users["staff"]
    actions.update_paper(acting_user=staff, paper=draft, is_public=False)
    actions.finalise_paper(acting_user=staff, paper=Paper.objects.get(pk=draft.pk))
    actions.update_paper(acting_user=staff, paper=draft, is_public=True)
    paper = Paper.objects.get(pk=draft.pk)
    assert paper.published_version is None

    assert client.get(paper.get_absolute_url()).status_code == 302
    version_url = reverse("papers:version_detail", args=[paper.pk, 1])
    assert client.get(version_url).status_code == 302
    client.force_login(world.users["municipality_editor"])
    assert client.get(version_url).status_code == 404
    assert client.get(reverse("papers:version_pdf", args=[paper.pk, 1])).status_code == 404

    actions.finalise_paper(acting_user=staff, paper=paper)
    page = client.get(paper.get_absolute_url()).content.decode()
    assert "Fassung 2" in page
    assert reverse("papers:version_detail", args=[paper.pk, 2]) in page
    assert version_url not in page
    assert client.get(version_url).status_code == 404


def test_withdrawing_a_published_paper_hides_it_and_publishing_again_shows_its_version(
    client, world, draft
):
    staff = world.users["staff"]
    actions.finalise_paper(acting_user=staff, paper=draft)
    actions.update_paper(acting_user=staff, paper=draft, is_public=False)
    assert client.get(draft.get_absolute_url()).status_code == 302
    assert _oparl(client, "paper", draft.pk).json()["deleted"] is True

    actions.update_paper(acting_user=staff, paper=draft, is_public=True)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "deleted" not in _oparl(client, "paper", draft.pk).json()
    assert not Tombstone.objects.filter(oparl_type="Paper", original_pk=draft.pk).exists()


def test_the_migration_publishes_what_was_finalised_while_public(world):
    finalised_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    paper = world.public_paper
    PaperVersion.objects.create(
        paper=paper, number=1, finalised_at=finalised_at, content={"is_public": True}
    )
    internal = world.internal_paper
    PaperVersion.objects.create(
        paper=internal, number=1, finalised_at=finalised_at, content={"is_public": False}
    )
    Paper.objects.filter(pk__in=[paper.pk, internal.pk]).update(is_finalised=True)

    migration.publish_finalised_public_papers(apps, None)

    assert Paper.objects.get(pk=paper.pk).published_version.number == 1
    assert Paper.objects.get(pk=internal.pk).published_version is None


def test_the_public_names_a_paper_as_its_published_version_does(client, world, draft):
    staff = world.users["staff"]
    actions.finalise_paper(acting_user=staff, paper=draft)
    answer = actions.create_paper(
        acting_user=staff,
        body=world.county,
        kind=Paper.Kind.INFORMATION,
        date=datetime.date(2021, 3, 1),
        subject="Antwort",
        is_public=True,
    )
    actions.relate_papers(
        acting_user=staff, paper=answer, related_papers=[draft], superordinated_paper=draft
    )
    actions.finalise_paper(acting_user=staff, paper=answer)
    actions.update_paper(
        acting_user=staff, paper=draft, subject="Umbenannter Entwurf", reference="BV/Umbenannt/2021"
    )
    original = world.public_paper.subject

    for url in (
        reverse("papers:paper_list"),
        answer.get_absolute_url(),
        reverse("papers:version_detail", args=[draft.pk, 1]),
    ):
        page = client.get(url).content.decode()
        assert original in page, url
        assert "Umbenannter Entwurf" not in page, url
        assert "BV/Umbenannt/2021" not in page, url
    named = _oparl(client, "paper", draft.pk).json()
    assert (named["name"], named["reference"]) == (original, world.public_paper.reference)

    client.force_login(world.users["reader"])
    assert "Umbenannter Entwurf" in client.get(reverse("papers:paper_list")).content.decode()


def test_the_admin_shows_what_is_published_but_does_not_change_it(client, world, draft):
    actions.finalise_paper(acting_user=world.users["staff"], paper=draft)
    client.force_login(world.users["admin"])
    for url, field in (
        (reverse("admin:papers_paper_change", args=[draft.pk]), "published_version"),
        (reverse("admin:papers_paperfile_change", args=[draft.files.get().pk]), "published_at"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert f'name="{field}"' not in response.content.decode()
