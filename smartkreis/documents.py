"""Documents for print and for Word, shared by the minutes, papers and reports.

- `render_pdf`: an HTML print template through WeasyPrint as a tagged PDF that claims both
  PDF/A-2a (archivable, "a" = accessible: tagged, Unicode text) and PDF/UA-1. WeasyPrint 70
  takes one `pdf_variant`; we render PDF/A-2a, whose tagging is the same structure tree PDF/UA
  asks for, and add PDF/UA's identification (pdfuaid:part 1, declared in a PDF/A extension
  schema as PDF/A requires of non-standard XMP) to the same XMP packet.
- `render_docx`: a Word template through docxtpl with autoescaping, so user input is written
  as text and never read as template code. A broken template raises `DocumentTemplateError`
  with a German message for the person who uploaded it.
"""

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

AUTHOR = "smartkreis"
PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT_DIR = "vendor/kern/fonts/fira-sans"
FONT_FILES = {
    (400, "normal"): "FiraSans-Regular.woff2",
    (400, "italic"): "FiraSans-Italic.woff2",
    (600, "normal"): "FiraSans-SemiBold.woff2",
    (700, "normal"): "FiraSans-Bold.woff2",
}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
for _prefix, _uri in {
    "rdf": RDF,
    "pdfuaid": PDFUAID,
    "pdfaExtension": PDFA_EXTENSION,
    "pdfaSchema": PDFA_SCHEMA,
    "pdfaProperty": PDFA_PROPERTY,
}.items():
    ElementTree.register_namespace(_prefix, _uri)


class DocumentTemplateError(Exception):
    """A Word template that cannot be rendered; the message says why, in German."""


def font_faces():
    """The vendored Fira Sans files as @font-face data for print templates (embedded)."""
    faces = []
    for (weight, style), filename in FONT_FILES.items():
        path = finders.find(f"{FONT_DIR}/{filename}")
        if path:
            faces.append({"weight": weight, "style": style, "url": Path(path).as_uri()})
    return faces


def _with_pdf_ua_identification(generate_rdf_metadata):
    """Wrap WeasyPrint's XMP generator: add pdfuaid:part=1 and its PDF/A extension schema."""

    def generate(variant, version, conformance):
        rdf = ElementTree.fromstring(generate_rdf_metadata(variant, version, conformance))
        extension = ElementTree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        bag = ElementTree.SubElement(
            ElementTree.SubElement(extension, f"{{{PDFA_EXTENSION}}}schemas"), f"{{{RDF}}}Bag"
        )
        schema = ElementTree.SubElement(bag, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
        for name, text in (
            ("schema", "PDF/UA Universal Accessibility Schema"),
            ("namespaceURI", PDFUAID),
            ("prefix", "pdfuaid"),
        ):
            ElementTree.SubElement(schema, f"{{{PDFA_SCHEMA}}}{name}").text = text
        properties = ElementTree.SubElement(
            ElementTree.SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq"
        )
        part = ElementTree.SubElement(
            properties, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"}
        )
        for name, text in (
            ("name", "part"),
            ("valueType", "Integer"),
            ("category", "internal"),
            ("description", "Indicates which part of ISO 14289 the file conforms to"),
        ):
            ElementTree.SubElement(part, f"{{{PDFA_PROPERTY}}}{name}").text = text
        ElementTree.SubElement(
            rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": "", f"{{{PDFUAID}}}part": "1"}
        )
        return ElementTree.tostring(rdf, encoding="utf-8", xml_declaration=False)

    return generate


def render_pdf(template_name, context):
    """`template_name` rendered with `context` as tagged PDF/A-2a + PDF/UA-1 (bytes).

    The template must set <html lang>, <title> and <meta name="author">; `font_faces` is
    added to the context for its @font-face rules.
    """
    from weasyprint import HTML  # heavy: imported only where a PDF is made

    html = render_to_string(template_name, {**context, "font_faces": font_faces()})
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        pdf_variant="pdf/a-2a", pdf_tags=True
    )
    metadata = document.metadata
    metadata.generate_rdf_metadata = _with_pdf_ua_identification(metadata.generate_rdf_metadata)
    return document.write_pdf(pdf_variant="pdf/a-2a", pdf_tags=True)


def render_docx(template, context, *, title, language):
    """The Word template `template` (a path or a file object) rendered with `context` (bytes).

    Raises DocumentTemplateError if the template is no Word file or its placeholders are
    broken.
    """
    from docx.opc.exceptions import OpcError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    from lxml.etree import LxmlError

    try:
        document = DocxTemplate(template)
        document.render(context, autoescape=True)
    except TemplateError as error:
        raise DocumentTemplateError(
            _("The Word template has a broken placeholder: %(error)s") % {"error": error}
        ) from error
    except (zipfile.BadZipFile, OpcError, LxmlError, KeyError, ValueError, OSError) as error:
        # What python-docx raises for a file that is no .docx: zip, package or XML errors.
        raise DocumentTemplateError(
            _("The file is not a Word template (.docx) that can be read.")
        ) from error
    properties = document.docx.core_properties
    properties.title = title
    properties.author = AUTHOR
    properties.language = language
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
