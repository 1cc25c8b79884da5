"""Documents for print and for Word, shared by the minutes, papers and reports.

- `render_pdf`: an HTML print template through WeasyPrint as a tagged PDF that claims both
  PDF/A-2a (archivable, "a" = accessible: tagged, Unicode text) and PDF/UA-1. WeasyPrint 70
  takes one `pdf_variant`; we render PDF/A-2a, whose tagging is the same structure tree PDF/UA
  asks for, and add PDF/UA's identification (pdfuaid:part 1, declared in a PDF/A extension
  schema as PDF/A requires of non-standard XMP) to the same XMP packet.
- `render_docx`: a Word template through docxtpl in Jinja's sandbox. Templates can be
  uploaded by the administration and are rendered whenever anyone, anonymous visitors
  included, downloads a Word file, so they run with no globals, no includes, no access to
  underscore attributes, no mutation and no `safe` filter, against a context reduced to plain
  data (no objects with methods); autoescaping writes user input as text, never as template
  code or XML. A broken or forbidden template raises `DocumentTemplateError` with a German
  message for the person who uploaded it.
- Both on A4 with the margins of DIN 5008 (`PAGE_MARGINS_MM`): the print stylesheet
  (templates/documents/print.css) and the shipped Word templates (`set_a4_pages`). An uploaded
  Word template keeps the page setup the administration gave it.
"""

import dataclasses
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from jinja2 import DictLoader, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

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

# DIN 5008 for a page without letterhead: papers, minutes and reports carry no address field,
# so Form B's 45 mm top does not apply. 25 mm on the left to punch and file the page, 20 mm
# elsewhere; the page number stands in the bottom margin.
PAGE_MARGINS_MM = {"top": 20, "right": 20, "bottom": 20, "left": 25}
A4_MM = (210, 297)

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

    The template must set <html lang>, <title> and <meta name="author">; `font_faces` and
    `page_margins` are added to the context for documents/print.css.
    """
    from weasyprint import HTML  # heavy: imported only where a PDF is made

    html = render_to_string(
        template_name,
        {**context, "font_faces": font_faces(), "page_margins": PAGE_MARGINS_MM},
    )
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        pdf_variant="pdf/a-2a", pdf_tags=True
    )
    metadata = document.metadata
    metadata.generate_rdf_metadata = _with_pdf_ua_identification(metadata.generate_rdf_metadata)
    return document.write_pdf(pdf_variant="pdf/a-2a", pdf_tags=True)


def set_a4_pages(document):
    """Every section of the python-docx `document` on A4 portrait with the DIN 5008 margins:
    for the shipped Word templates (Word's own default is US Letter)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = A4_MM
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin = Mm(PAGE_MARGINS_MM["top"])
        section.right_margin = Mm(PAGE_MARGINS_MM["right"])
        section.bottom_margin = Mm(PAGE_MARGINS_MM["bottom"])
        section.left_margin = Mm(PAGE_MARGINS_MM["left"])


def plain_data(value):
    """`value` as the plain data a Word template may see: dicts, lists, str, numbers, None.

    Dataclasses become dicts of their fields; anything else becomes its text, so no method of
    an object is in reach of a template.
    """
    if isinstance(value, dict):
        return {str(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain_data(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # An exact str: Django's safe strings (a str subclass with __html__) would pass Jinja's
    # autoescaping unescaped, lazy translations are proxies.
    return str.__str__(str(value))


class WordTemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox for Word templates, with nothing but the filters and tests a
    template needs."""

    def __init__(self):
        # No loader with templates: {% include %}, {% import %} and {% extends %} find nothing.
        super().__init__(autoescape=True, loader=DictLoader({}))
        # range, dict, lipsum, cycler, joiner, namespace: none is needed, and lipsum and
        # cycler lead to Python's globals in the classic escapes.
        self.globals.clear()
        # User data must stay text: nothing may mark it as XML.
        del self.filters["safe"]

    def unsafe_undefined(self, obj, attribute):
        # Refused at once: Jinja's default, an empty value, would let a template that probes
        # the sandbox pass the check at upload unnoticed.
        raise SecurityError(f"{type(obj).__name__}.{attribute}")


def render_docx(template, context, *, title, language):
    """The Word template `template` (a path or a file object) rendered with `context` (bytes).

    Raises DocumentTemplateError if the template is no Word file, its placeholders are broken
    or it reaches for what the sandbox forbids.
    """
    from docx.opc.exceptions import OpcError
    from docxtpl import DocxTemplate
    from lxml.etree import LxmlError

    try:
        document = DocxTemplate(template)
        document.render(plain_data(context), jinja_env=WordTemplateSandbox(), autoescape=True)
    except SecurityError as error:
        raise DocumentTemplateError(
            _("The Word template has a placeholder that is not allowed: %(error)s")
            % {"error": error}
        ) from error
    except (TemplateError, ArithmeticError, TypeError) as error:
        # TypeError, ArithmeticError: e.g. {{ 1 / 0 }}, {{ title + 1 }} in a placeholder.
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
