"""Documents for print and for Word, shared by the minutes, papers and reports.

- `render_typst_pdf`: a Typst template fed with JSON data, as a tagged PDF that claims both
  PDF/A-2a and PDF/UA-1. Typst lays out a long document some twenty times faster than
  WeasyPrint (the bench county's progress report of 86 pages: about 1.5 s instead of 30 s),
  writes both identifications itself and refuses to write a file that breaks either
  standard. The data reaches the template only as JSON (`sys.inputs`), which the template
  prints as text: nothing a user wrote ever becomes Typst markup. Typst reads no WOFF2, so
  the vendored Fira Sans is derived as TrueType once (`typst_font_dir`); a character that no
  Fira Sans style has would make Typst refuse the file (PDF/A forbids the missing-glyph box),
  so it is printed as ▯.
- `render_pdf`: an HTML print template through WeasyPrint as a tagged PDF that claims both
  PDF/A-2a (archivable, "a" = accessible: tagged, Unicode text) and PDF/UA-1. WeasyPrint 70
  takes one `pdf_variant`; we render PDF/A-2a, whose tagging is the same structure tree PDF/UA
  asks for, and add PDF/UA's identification (pdfuaid:part 1, declared in a PDF/A extension
  schema as PDF/A requires of non-standard XMP) to the same XMP packet. Every document printed
  this way before; only `make bench` still does, for its comparison of the engines (a
  table's row headers, <th scope="row">, are tagged as such here, which the Typst package
  does not offer yet).
- `render_docx`: a Word template through docxtpl in Jinja's sandbox. Templates can be
  uploaded by the administration and are rendered whenever anyone, anonymous visitors
  included, downloads a Word file, so they run with no globals, no includes, no access to
  underscore attributes, no mutation and no `safe` filter, against a context reduced to plain
  data (no objects with methods); autoescaping writes user input as text, never as template
  code or XML. A broken or forbidden template raises `DocumentTemplateError` with a German
  message for the person who uploaded it.
- All on A4 with the margins of DIN 5008 (`PAGE_MARGINS_MM`): the Typst page
  (document_templates/print.typ), the print stylesheet (templates/documents/print.css) and the
  shipped Word templates (`set_a4_pages`). An uploaded Word template keeps the page setup the
  administration gave it.
"""

import dataclasses
import functools
import hashlib
import io
import json
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
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

PDF_STANDARDS = ["a-2a", "ua-1"]
TYPST_CACHE_STEPS = 10  # the age at which the Typst package drops what a compile kept
# Where Fira Sans lacks a character: a box as readers show for a missing glyph (Fira has this one).
MISSING_GLYPH = "\u25af"
SOFT_HYPHEN = "\u00ad"

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


def typst_font_dir():
    """A folder with the vendored Fira Sans styles of FONT_FILES as TrueType, for Typst.

    Derived from the WOFF2 files on first use (1.5 s) into var/fonts/, under a name taken from
    their content, so an updated font is derived anew. Deriving keeps one source of the font
    for web, WeasyPrint and Typst; each file is written under a temporary name and renamed, so
    processes deriving at the same time never read half a file.
    """
    sources = [Path(finders.find(f"{FONT_DIR}/{name}")) for name in FONT_FILES.values()]
    digest = hashlib.sha256(b"".join(source.read_bytes() for source in sources)).hexdigest()
    folder = settings.BASE_DIR / "var" / "fonts" / f"fira-sans-{digest[:16]}"
    for source in sources:
        target = folder / f"{source.stem}.ttf"
        if target.exists():
            continue
        from fontTools.ttLib import TTFont

        folder.mkdir(parents=True, exist_ok=True)
        font = TTFont(source)
        font.flavor = None
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as partial:
            font.save(partial)
        Path(partial.name).replace(target)
    return folder


@functools.cache
def _typst_fonts():
    """Typst's font book of Fira Sans (found once per process), and the characters every
    style of it has."""
    import typst
    from fontTools.ttLib import TTFont

    folder = typst_font_dir()
    covered = None
    for path in folder.glob("*.ttf"):
        characters = set(TTFont(path, lazy=True).getBestCmap())
        covered = characters if covered is None else covered & characters
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(folder)]
    )
    return fonts, frozenset(covered)


def _stand_in(character):
    """What Typst prints for a `character` that Fira Sans has no glyph for."""
    category = unicodedata.category(character)
    if category in ("Zs", "Zl", "Zp"):
        return " "
    if category in ("Cc", "Cf") or unicodedata.name(character, "").startswith("VARIATION"):
        return ""  # invisible anyway: controls, format marks, emoji presentation selectors
    return MISSING_GLYPH


def _printable(text, covered):
    missing = {character for character in set(text) if ord(character) not in covered}
    stand_ins = {ord(character): _stand_in(character) for character in missing}
    # A soft hyphen that breaks a line maps the hyphen glyph to U+00AD in the PDF's text
    # layer, and so every other "-" of the file too; unseen otherwise, it is left out.
    stand_ins[ord(SOFT_HYPHEN)] = ""
    return text.translate(stand_ins)


def typst_arguments(template, data, *, title, language):
    """What Typst is given for the `template` (a path in the project) with `data`: the
    template, the project as its root, Fira Sans alone, and the JSON of sys.inputs."""
    fonts, covered = _typst_fonts()
    language, _separator, region = language.partition("-")
    document = {
        "title": title,
        "author": AUTHOR,
        "language": language,
        "region": region.upper() or None,
        "margins_mm": PAGE_MARGINS_MM,
    }
    return {
        "input": str(template),
        "root": str(settings.BASE_DIR),
        "font_paths": fonts,
        "ignore_system_fonts": True,
        "sys_inputs": {
            name: _printable(json.dumps(plain_data(value), ensure_ascii=False), covered)
            for name, value in (("document", document), ("data", data))
        },
    }


def render_typst_pdf(template, data, *, title, language):
    """The Typst `template` (a path in the project) with `data` as tagged PDF/A-2a + PDF/UA-1
    (bytes).

    The template reads `data` (made plain by `plain_data`) with `json(bytes(sys.inputs.data))`
    and prints it as text, and sets up its page with document_templates/print.typ, which takes
    `title`, the author and the `language` (a Django language code) from sys.inputs.document.
    Typst raises typst.TypstError if the document would break either standard.
    """
    import typst

    arguments = typst_arguments(template, data, title=title, language=language)
    try:
        return typst.compile(
            **arguments,
            pdf_standards=PDF_STANDARDS,
            # PDF/A wants the document's date; Typst takes whole seconds.
            timestamp=timezone.now().replace(microsecond=0),
        )
    finally:
        _forget_typst_layout(arguments["font_paths"])


def _forget_typst_layout(fonts):
    """Let go of the layout Typst keeps for reuse.

    The Typst package ages that cache by one step at each compile and drops only what the
    last ten did not use: some 100 MB for each of the bench county's reports, 1.3 GB in a
    process that printed ten. Empty documents (2 ms each) age it at once; freeing the memory
    takes about 0.15 s after such a report. An unchanged report printed again is laid out
    anew.
    """
    import typst

    for _step in range(TYPST_CACHE_STEPS):
        typst.compile(b"", font_paths=fonts, ignore_system_fonts=True, format="svg")


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
