"""The progress report's PDF through Typst: it claims PDF/A-2a and PDF/UA-1 with a structure
tree a reader can navigate, prints whatever users wrote as text (never as Typst markup), is
made even where a text holds a character that Fira Sans lacks, and its public edition keeps
the internal parts out."""

import pytest

from reports import actions, content, documents
from smartkreis.testing.documents import (
    assert_accessible_archivable_pdf,
    read_pdf,
    xmp_identification,
)

from .conftest import add_initiative

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("pdf")]

MARKUP = '#panic("x") *fett* _kursiv_ $x^2$ ] [ \\ <label> @ref #read("/manage.py") // nicht'


def _pdf(world, **values):
    report = actions.create_progress_report(
        acting_user=world.users["staff"],
        committee=world.committee,
        period_start=world.start,
        period_end=world.end,
        **values,
    )
    return read_pdf(documents.render_pdf(content.report_context(report)))


def test_the_pdf_claims_pdf_a_2a_and_pdf_ua_1_with_a_navigable_structure(world):
    pdf = _pdf(world)
    assert_accessible_archivable_pdf(pdf)
    # Typst writes the identification as elements, WeasyPrint (with ours added) as attributes.
    identification, schema_prefixes = xmp_identification(pdf.xmp)
    assert identification == {
        "pdfaid:part": "2",
        "pdfaid:conformance": "A",
        "pdfuaid:part": "1",
    }
    assert "pdfuaid" in schema_prefixes
    assert {"/H1", "/H2", "/H3", "/P", "/Table", "/TH", "/TD", "/Caption", "/Figure"} <= (
        pdf.structure_types
    )
    assert pdf.figure_alts == ["Zielerreichung der Kennzahlen: Verwaltung. Online-Leistungen: 50 %"]


def test_the_xmp_identification_is_read_in_attribute_and_element_form():
    attributes = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="'
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" '
        'pdfaid:conformance="A"/></rdf:RDF></x:xmpmeta>'
    )
    elements = (
        '<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="'
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    assert xmp_identification(attributes)[0] == {"pdfaid:part": "2", "pdfaid:conformance": "A"}
    assert xmp_identification(elements)[0] == {"pdfuaid:part": "1"}


def test_typst_markup_in_what_users_wrote_is_printed_as_text(world):
    add_initiative(world.county, [world.fields["administration"]], MARKUP)
    pdf = _pdf(world, title=f"Bericht {MARKUP}", summary=MARKUP)
    assert pdf.title == f"Bericht {MARKUP}"
    # The title, the summary and the initiative's row: three times, each verbatim (where a
    # line breaks, the text layer has a space).
    printed, written = "".join(pdf.text.split()), "".join(MARKUP.split())
    assert printed.count(written) == 3, pdf.text


def test_a_character_without_a_glyph_in_fira_sans_prints_as_a_box(world):
    pdf = _pdf(world, summary="Start 🚀 erledigt ✓ Digitalisierungs\u00adstrategie")
    assert "Start \u25af erledigt \u25af Digitalisierungsstrategie" in pdf.text


def test_the_public_edition_leaves_out_the_decisions_and_the_overdue_lists(world):
    report = actions.create_progress_report(
        acting_user=world.users["staff"],
        committee=world.committee,
        period_start=world.start,
        period_end=world.end,
    )
    context = content.report_context(report) | {"public_edition": "Öffentliche Fassung."}
    pdf = read_pdf(documents.render_pdf(context))
    assert "Öffentliche Fassung." in pdf.text
    assert "Pilot im Schulamt" in pdf.text
    for internal in ("Beschlüsse der Lenkungsgruppe", "Überfällig", "Projektplan vorlegen"):
        assert internal not in pdf.text
