"""Every document of the demo on A4 (issue 12): each PDF's pages are A4 with nothing past the
DIN 5008 margins, every table's column headers and last cells read back in full and no
amount broken across lines; each Word file and every shipped Word template is A4 with the
DIN 5008 margins."""

import io

import docx
import pytest
from django.urls import reverse

from accounts.models import User
from council.documents import DOCX_TEMPLATE as OPEN_DECISIONS_TEMPLATE
from governance.documents import DOCX_TEMPLATE as MINUTES_TEMPLATE
from governance.models import Meeting
from papers.documents import DEFAULT_TEMPLATE as PAPER_TEMPLATE
from papers.models import Paper
from reports.documents import DOCX_TEMPLATE as PROGRESS_REPORT_TEMPLATE
from reports.models import ProgressReport
from smartkreis import documents
from smartkreis.testing.documents import (
    assert_a4_pdf_with_whole_tables,
    typst_printed_tables,
)
from smartkreis.testing.jobs import download_by_job

pytestmark = pytest.mark.django_db


def _paper():
    paper = Paper.objects.get(reference="BV/0012/2021")
    return reverse("papers:paper_pdf", args=[paper.pk]), reverse(
        "papers:paper_docx", args=[paper.pk]
    )


def _minutes():
    """The held meeting with the most decisions: the fullest minutes of the demo."""
    meeting = max(
        Meeting.objects.filter(agenda_items__decision__isnull=False).distinct(),
        key=lambda meeting: meeting.agenda_items.filter(decision__isnull=False).count(),
    )
    return (
        reverse("tasks:minutes_pdf_start", args=[meeting.pk]),
        reverse("tasks:minutes_docx_start", args=[meeting.pk]),
    )


def _progress_report():
    report = ProgressReport.objects.get(status=ProgressReport.Status.ISSUED)
    return reverse("reports:report_pdf", args=[report.pk]), reverse(
        "reports:report_docx", args=[report.pk]
    )


def _open_decisions():
    return reverse("tasks:open_decisions_pdf_start"), reverse("tasks:open_decisions_docx_start")


def _fetch(client, url, django_capture_on_commit_callbacks):
    """A document as its users get it: the file of a background job (started with a POST), or
    a file served at once."""
    if url.startswith(reverse("tasks:queue")):
        response = download_by_job(client, url, django_capture_on_commit_callbacks)
    else:
        response = client.get(url)
    assert response.status_code == 200
    return response.getvalue()


DOCUMENTS = {
    "paper BV/0012/2021": _paper,
    "minutes": _minutes,
    "progress report": _progress_report,
    "open council decisions": _open_decisions,
}


@pytest.fixture
def staff_client(client, demo):
    client.force_login(User.objects.get(username="stabsstelle"))
    return client


@pytest.fixture
def printed(monkeypatch):
    """The tables of each PDF as it was printed: from the document Typst lays out of
    render_typst_pdf's template and data (each a function, called once the PDF is made)."""
    printed = []
    render_typst_pdf = documents.render_typst_pdf

    def typeset_and_keep(template, data, **kwargs):
        printed.append(lambda: typst_printed_tables(template, data, **kwargs))
        return render_typst_pdf(template, data, **kwargs)

    monkeypatch.setattr(documents, "render_typst_pdf", typeset_and_keep)
    return printed


@pytest.mark.xdist_group("pdf")
@pytest.mark.parametrize("kind", DOCUMENTS)
def test_every_table_of_the_pdf_fits_the_a4_page(
    staff_client, printed, kind, django_capture_on_commit_callbacks
):
    pdf_url, _docx_url = DOCUMENTS[kind]()
    content = _fetch(staff_client, pdf_url, django_capture_on_commit_callbacks)
    [tables] = printed
    assert_a4_pdf_with_whole_tables(content, tables())


def test_the_key_figures_of_the_demo_paper_are_all_there(staff_client, printed):
    """The table of issue 12 (BV/0012/2021): nine columns, "rot" last, amounts in millions."""
    staff_client.get(_paper()[0])
    figures = next(table for table in printed[0]() if "Handlungsfeld" in table.headers)
    assert figures.headers[-1] == "rot"
    assert "3.240.000,00\u00a0€" in figures.figures


def _assert_a4_with_din_margins(document):
    """Every section of the python-docx `document`: 210 × 297 mm, margins 20, 20, 20, 25 mm."""
    for section in document.sections:
        sizes = (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.right_margin,
            section.bottom_margin,
            section.left_margin,
        )
        # Word keeps twentieths of a point: to the tenth of a millimetre.
        assert [round(size.mm, 1) for size in sizes] == [210, 297, 20, 20, 20, 25]


@pytest.mark.parametrize(
    "template",
    [PAPER_TEMPLATE, MINUTES_TEMPLATE, PROGRESS_REPORT_TEMPLATE, OPEN_DECISIONS_TEMPLATE],
    ids=lambda path: path.name,
)
def test_every_shipped_word_template_is_a4_with_din_margins(template):
    _assert_a4_with_din_margins(docx.Document(template))


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_every_word_file_is_a4_with_din_margins(
    staff_client, kind, django_capture_on_commit_callbacks
):
    _pdf_url, docx_url = DOCUMENTS[kind]()
    content = _fetch(staff_client, docx_url, django_capture_on_commit_callbacks)
    _assert_a4_with_din_margins(docx.Document(io.BytesIO(content)))
