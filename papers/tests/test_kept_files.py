"""A paper's files: a draft's are written by a background job for whoever asks (they show the
register's live data); a finalised version's, and an imported paper's as imported, are rendered
once, kept in the storage and served from there, the public getting the public edition only."""

import collections

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from papers import actions, documents
from papers.models import DocumentTemplate, Paper, PaperFile
from smartkreis import frozen
from smartkreis.testing.documents import read_docx, read_pdf
from smartkreis.testing.jobs import download_by_job
from tasks import runner
from tasks.models import Job

from .factories import publish
from .test_documents import _corporate_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How often a paper's PDF and Word file were rendered, by kind."""
    counted = collections.Counter()
    for name in ("render_paper_pdf", "render_paper_docx"):
        render = getattr(documents, name)

        def counting(*args, _render=render, _name=name, **kwargs):
            counted[_name] += 1
            return _render(*args, **kwargs)

        monkeypatch.setattr(documents, name, counting)
    return counted


def _kept_files(paper, version_number):
    folder = f"{frozen.FOLDER}/papers/{paper.pk}/version-{version_number}"
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def _texts(response):
    """The Word file's text; a kept file streams from the storage, so it is read once."""
    return str(read_docx(response.getvalue()))


# Kept files of versions --------------------------------------------------------------------


@pytest.mark.xdist_group("pdf")
def test_finalising_keeps_the_versions_files_which_are_served_without_rendering_again(
    client, world, renders, django_capture_on_commit_callbacks
):
    paper = world.public_paper
    client.force_login(world.users["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("papers:paper_finalise", args=[paper.pk]))
    job = Job.objects.get(kind=Job.Kind.VERSION_DOCUMENTS)
    assert (job.state, job.started_by) == (Job.State.DONE, None)
    # The internal and the public edition, each as PDF and Word file.
    assert renders == {"render_paper_pdf": 2, "render_paper_docx": 2}
    assert [name.split("-de-")[0] for name in _kept_files(paper, 1)] == [
        "internal-docx",
        "internal-pdf",
        "public-docx",
        "public-pdf",
    ]

    internal = client.get(reverse("papers:version_docx", args=[paper.pk, 1]))
    assert "Vertraulich" in _texts(internal)  # the non-public consultation
    client.logout()
    public_pdf = client.get(reverse("papers:paper_pdf", args=[paper.pk]))
    assert public_pdf["Content-Type"] == "application/pdf"
    assert "fassung-1.pdf" in public_pdf["Content-Disposition"]
    assert "Fassung 1" in read_pdf(public_pdf.getvalue()).text
    public_docx = _texts(client.get(reverse("papers:version_docx", args=[paper.pk, 1])))
    assert "Smarter Rhein-Sieg-Kreis 4.0" in public_docx
    assert "Vertraulich" not in public_docx
    assert renders == {"render_paper_pdf": 2, "render_paper_docx": 2}


@pytest.mark.xdist_group("pdf")
def test_a_broken_word_template_fails_the_versions_job_in_german_and_keeps_its_pdf(
    client, world, renders, django_capture_on_commit_callbacks
):
    """A template stored past the upload check (e.g. by an older version)."""
    template = DocumentTemplate(name="Kaputt", is_active=True)
    template.content.save("kaputt.docx", ContentFile(_corporate_template("{{ title ")))
    paper = world.internal_paper  # not public: the internal edition only

    with django_capture_on_commit_callbacks(execute=True):
        actions.finalise_paper(acting_user=world.users["staff"], paper=paper)

    job = Job.objects.get(kind=Job.Kind.VERSION_DOCUMENTS)
    assert job.state == Job.State.FAILED
    assert job.message.startswith("Die Word-Vorlage enthält einen fehlerhaften Platzhalter")
    assert [name.split("-de-")[0] for name in _kept_files(paper, 1)] == ["internal-pdf"]


def test_a_version_asked_for_before_its_job_ran_is_rendered_once_in_the_request(
    client, world, renders
):
    paper = world.public_paper
    publish(paper)  # finalised without its job having run
    url = reverse("papers:paper_docx", args=[paper.pk])

    first, second = client.get(url).getvalue(), client.get(url).getvalue()

    assert first == second
    assert "Vertraulich" not in str(read_docx(first))
    assert renders == {"render_paper_docx": 1}
    assert [name.split("-de-")[0] for name in _kept_files(paper, 1)] == ["public-docx"]


def test_a_new_template_renders_a_version_anew_and_removes_its_older_file(
    client, world, renders, monkeypatch, tmp_path
):
    """A release with a changed template: the key changes with the template's content."""
    template = tmp_path / "paper.docx"
    template.write_bytes(b"first release")
    monkeypatch.setattr(documents, "RENDERED_BY", (*documents.RENDERED_BY, str(template)))
    paper = world.public_paper
    publish(paper)
    url = reverse("papers:paper_docx", args=[paper.pk])
    client.get(url)
    (first_file,) = _kept_files(paper, 1)

    template.write_bytes(b"second release")
    frozen._sources_digest.cache_clear()  # what the restart of a release does
    client.get(url)
    client.get(url)

    assert renders == {"render_paper_docx": 2}
    (second_file,) = _kept_files(paper, 1)
    assert second_file != first_file


def test_an_uploaded_word_template_gives_a_version_a_new_word_file(client, world):
    paper = world.public_paper
    publish(paper)
    url = reverse("papers:paper_docx", args=[paper.pk])
    assert "Rhein-Sieg-Kreis · Der Landrat" not in _texts(client.get(url))

    upload = SimpleUploadedFile("haus.docx", _corporate_template("Rhein-Sieg-Kreis · Der Landrat"))
    actions.upload_document_template(acting_user=world.users["staff"], name="Haus", upload=upload)

    assert "Rhein-Sieg-Kreis · Der Landrat" in _texts(client.get(url))


def test_while_another_request_renders_a_file_a_visitor_is_asked_to_come_back(
    client, world, renders
):
    paper = world.public_paper
    version = publish(paper)
    document = documents.kept_document(
        paper, version.content, "docx", include_internal=False, version=version
    )
    cache.add(document.lock, True)

    response = client.get(reverse("papers:paper_docx", args=[paper.pk]))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert "Bitte versuchen Sie es in einer Minute erneut." in response.content.decode()
    assert renders == {}
    cache.delete(document.lock)
    assert client.get(reverse("papers:paper_docx", args=[paper.pk])).status_code == 200


def test_an_imported_paper_is_kept_until_a_new_import_changes_it(client, world, renders):
    paper = world.public_paper
    Paper.objects.filter(pk=paper.pk).update(external_id="https://ris.example/paper/7")
    url = reverse("papers:paper_docx", args=[paper.pk])
    client.get(url)
    client.get(url)
    assert renders == {"render_paper_docx": 1}

    Paper.objects.filter(pk=paper.pk).update(subject="Smarter Rhein-Sieg-Kreis 5.0")

    assert "Smarter Rhein-Sieg-Kreis 5.0" in _texts(client.get(url))
    assert renders == {"render_paper_docx": 2}


# A draft's files, by a job -----------------------------------------------------------------


def test_a_drafts_page_offers_jobs_and_a_finalised_papers_page_its_kept_files(client, world):
    paper = world.public_paper
    client.force_login(world.users["reader"])
    draft = client.get(paper.get_absolute_url()).content.decode()
    assert reverse("tasks:paper_pdf_start", args=[paper.pk]) in draft
    assert reverse("tasks:paper_docx_start", args=[paper.pk]) in draft
    assert "PDF erstellen (aktueller Stand)" in draft
    assert reverse("papers:paper_pdf", args=[paper.pk]) not in draft

    publish(paper)
    finalised = client.get(paper.get_absolute_url()).content.decode()
    assert reverse("tasks:paper_pdf_start", args=[paper.pk]) not in finalised
    assert reverse("papers:paper_pdf", args=[paper.pk]) in finalised
    assert "PDF (Fassung 1)" in finalised


def test_a_drafts_file_address_leads_to_its_page_and_renders_nothing(client, world, renders):
    paper = world.public_paper
    client.force_login(world.users["reader"])

    response = client.get(reverse("papers:paper_pdf", args=[paper.pk]), follow=True)

    assert response.redirect_chain == [(paper.get_absolute_url(), 302)]
    assert "„PDF erstellen (aktueller Stand)“" in response.content.decode()
    assert renders == {}


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_only_internal_readers_start_a_drafts_file(client, world, extension):
    paper = world.public_paper
    publish(paper)  # the public reads it, but not its internal content
    start = f"tasks:paper_{extension}_start"
    assert client.post(reverse(start, args=[paper.pk])).status_code == 302  # to the login
    client.force_login(world.users["municipality_editor"])
    assert client.post(reverse(start, args=[paper.pk])).status_code == 403
    assert client.post(reverse(start, args=[world.internal_paper.pk])).status_code == 404
    assert client.get(reverse(start, args=[paper.pk])).status_code == 405
    assert not Job.objects.exists()


def test_only_who_started_a_drafts_file_downloads_it_while_still_an_internal_reader(
    client, world, django_capture_on_commit_callbacks
):
    reader = world.users["reader"]
    client.force_login(reader)
    start = reverse("tasks:paper_docx_start", args=[world.internal_paper.pk])
    response = download_by_job(client, start, django_capture_on_commit_callbacks)
    assert "Personalplanung Stabsstelle" in _texts(response)
    job = Job.objects.get(kind=Job.Kind.PAPER_DOCX)
    download = reverse("tasks:job_download", args=[job.pk])

    client.force_login(world.users["unit_editor"])
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.get(download).status_code == 403
    client.force_login(world.users["staff"])  # follows every job, but the file is the reader's
    assert client.get(job.get_absolute_url()).status_code == 200
    assert client.get(download).status_code == 404
    reader.body = world.town  # moved to a municipality: the internal paper is no longer theirs
    reader.save()
    client.force_login(reader)
    assert client.get(download).status_code == 404


def test_a_draft_removed_before_its_job_ran_fails_with_a_german_message(client, world):
    client.force_login(world.users["reader"])
    client.post(reverse("tasks:paper_pdf_start", args=[world.internal_paper.pk]))  # queued
    job = Job.objects.get()
    Paper.objects.filter(pk=world.internal_paper.pk).delete()

    runner.execute(job.pk)

    job.refresh_from_db()
    assert (job.state, job.message) == (Job.State.FAILED, "Die Vorlage gibt es nicht mehr.")
    assert "Die Vorlage gibt es nicht mehr." in client.get(job.get_absolute_url()).content.decode()


# Files of deleted papers ------------------------------------------------------------------


def _keep(name):
    return default_storage.save(name, ContentFile(b"%PDF-1.7"))


def test_a_deleted_papers_files_go_once_the_deletion_is_committed(
    world, django_capture_on_commit_callbacks
):
    paper, other = world.public_paper, world.internal_paper
    kept = _keep(f"{frozen.folder_of(paper.kept_documents_owner)}/version-1/public-pdf-de-1.pdf")
    other_kept = _keep(f"{frozen.folder_of(other.kept_documents_owner)}/imported/public-pdf.pdf")
    upload = PaperFile.objects.create(paper=paper, name="Anlage")
    upload.content.save("anlage.pdf", ContentFile(b"%PDF-1.7"))

    with django_capture_on_commit_callbacks(execute=True):
        Paper.objects.get(pk=paper.pk).delete()  # as the admin or an import deletes it

    assert not default_storage.exists(kept)
    assert not default_storage.exists(upload.content.name)
    assert default_storage.exists(other_kept)


def test_a_paper_deletion_rolled_back_keeps_its_files(world, django_capture_on_commit_callbacks):
    paper = world.public_paper
    kept = _keep(f"{frozen.folder_of(paper.kept_documents_owner)}/version-1/public-pdf-de-1.pdf")

    @transaction.atomic
    def deletion_that_fails():
        Paper.objects.get(pk=paper.pk).delete()
        raise RuntimeError("refused later in the same transaction")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        deletion_that_fails()

    assert callbacks == []
    assert default_storage.exists(kept)
    assert Paper.objects.filter(pk=paper.pk).exists()
