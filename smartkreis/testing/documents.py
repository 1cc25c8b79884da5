"""Read generated documents back in tests: what a PDF or Word reader would see."""

import io
import json
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

import pytest

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_PREFIXES = {
    "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
    "http://www.aiim.org/pdfua/ns/id/": "pdfuaid",
}
PDFA_SCHEMA_PREFIX = "{http://www.aiim.org/pdfa/ns/schema#}prefix"


@dataclass
class ReadPdf:
    text: str  # all pages' text, whitespace collapsed
    title: str
    author: str
    language: str
    xmp: str
    structure_types: set = field(default_factory=set)
    fonts_embedded: bool = False
    figure_alts: list = field(default_factory=list)  # each /Figure's /Alt ("" where none)


def xmp_identification(xmp):
    """The PDF/A and PDF/UA identification of an XMP packet, {"pdfaid:part": "2", …}, and the
    prefixes its PDF/A extension schemas declare. RDF/XML writes a simple property either as
    an attribute of rdf:Description or as its child element; both count."""
    properties, schema_prefixes = {}, set()
    if not xmp:
        return properties, schema_prefixes
    packet = ElementTree.fromstring(xmp)
    for description in packet.iter(f"{{{RDF}}}Description"):
        named = list(description.attrib.items())
        named += [(child.tag, (child.text or "").strip()) for child in description]
        for name, value in named:
            namespace, _brace, local = name[1:].partition("}")
            if namespace in XMP_PREFIXES:
                properties[f"{XMP_PREFIXES[namespace]}:{local}"] = value
    for prefix in packet.iter(PDFA_SCHEMA_PREFIX):
        schema_prefixes.add((prefix.text or "").strip())
    return properties, schema_prefixes


def read_pdf(content):
    """Open PDF bytes with pypdf and collect text, metadata, tags and font embedding."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    structure_types, figure_alts = set(), []
    if "/StructTreeRoot" in catalog:
        pending = [catalog["/StructTreeRoot"].get_object()]
        while pending:
            node = pending.pop()
            if "/S" in node:
                structure_types.add(node["/S"])
                if node["/S"] == "/Figure":
                    figure_alts.append(str(node.get("/Alt", "")))
            kids = node.get("/K", [])
            kids = kids if isinstance(kids, list) else [kids]
            pending.extend(kid.get_object() for kid in kids if hasattr(kid.get_object(), "keys"))
    embedded = []
    for page in reader.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get(
                "/FontDescriptor", {}
            )
            embedded.append(bool({"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)))
    marked = bool(catalog.get("/MarkInfo", {}).get("/Marked"))
    display_title = bool(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle"))
    return ReadPdf(
        text=text,
        title=reader.metadata.title or "",
        author=reader.metadata.author or "",
        language=str(catalog.get("/Lang", "")),
        xmp=catalog["/Metadata"].get_object().get_data().decode() if "/Metadata" in catalog else "",
        structure_types=structure_types if marked and display_title else set(),
        fonts_embedded=bool(embedded) and all(embedded),
        figure_alts=figure_alts,
    )


def assert_accessible_archivable_pdf(pdf):
    """`pdf` (a ReadPdf) is tagged, titled, in German and claims PDF/A-2a and PDF/UA-1; every
    figure has its alternative text."""
    assert pdf.structure_types, "no structure tree, MarkInfo or DisplayDocTitle"
    assert {"/H1", "/P"} <= pdf.structure_types
    assert pdf.title
    assert pdf.author == "smartkreis"
    assert pdf.language == "de"
    identification, schema_prefixes = xmp_identification(pdf.xmp)
    assert identification.get("pdfuaid:part") == "1", identification
    assert identification.get("pdfaid:part") == "2", identification
    assert identification.get("pdfaid:conformance") == "A", identification
    # PDF/A admits the PDF/UA identification only as a declared extension schema.
    assert "pdfuaid" in schema_prefixes
    assert all(pdf.figure_alts), pdf.figure_alts
    assert pdf.fonts_embedded


@dataclass
class ReadDocx:
    paragraphs: list  # (style name, text) of every paragraph, tables excluded
    tables: list  # each a list of rows, each a list of cell texts
    title: str
    author: str


def read_docx(content):
    """Open DOCX bytes with python-docx and collect paragraphs with styles, tables, metadata."""
    from docx import Document

    document = Document(io.BytesIO(content))
    return ReadDocx(
        paragraphs=[(p.style.name, p.text) for p in document.paragraphs],
        tables=[
            [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
        ],
        title=document.core_properties.title or "",
        author=document.core_properties.author or "",
    )


def template_escapes(target):
    """Word template code that tries to leave Jinja's sandbox, by name; those that reach
    Python's os.popen create the file `target` if they run."""
    popen = f"popen('touch {target}').read()"
    return {
        "cycler": f"{{{{ cycler.__init__.__globals__.os.{popen} }}}}",
        "lipsum": f"{{{{ lipsum.__globals__.os.{popen} }}}}",
        # os._wrap_close's __init__ has the os module's globals, popen among them.
        "subclasses": "{% for c in ().__class__.__base__.__subclasses__() %}"
        f"{{% if c.__name__ == '_wrap_close' %}}{{{{ c.__init__.__globals__.{popen} }}}}"
        "{% endif %}{% endfor %}",
        "mro": "{{ (''.__class__.__mro__[1].__subclasses__()"
        "|selectattr('__name__', 'equalto', '_wrap_close')|first)"
        f".__init__.__globals__.{popen} }}}}",
        "template_reference": "{{ self._TemplateReference__context.cycler.__init__"
        f".__globals__.os.{popen} }}}}",
        "attr_filter": "{{ (title|attr('__class__')|attr('__mro__'))[1] }}",
        "format": "{{ '{0.__class__.__mro__}'.format(title) }}",
        "include": "{% include 'word/document.xml' %}",
        "mutation": "{{ labels.update({'title': 'x'}) }}",
    }


# Print layout ----------------------------------------------------------------------------------

POINTS_PER_MM = 72 / 25.4
A4_POINTS = (210 * POINTS_PER_MM, 297 * POINTS_PER_MM)  # 595.28 × 841.89
IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


@dataclass
class PrintedTable:
    """A table of a printed document: what a reader of the PDF must find in full."""

    headers: list  # the texts of the column headers
    last_cells: list  # the text of each body row's last cell
    figures: list  # the texts of the cells that hold a figure alone (never wrapped)


def _content_text(content):
    """The text of a Typst content element as `typst.query` gives it (JSON)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(_content_text(item) for item in content)
    if not isinstance(content, dict):
        return ""
    if content.get("func") == "space":
        return " "
    if "text" in content:
        return content["text"]
    return "".join(
        _content_text(content[key]) for key in ("body", "child", "children") if key in content
    )


def typst_printed_tables(template, data, *, title, language):
    """The tables that the Typst `template` prints for `data` (PrintedTable each), as Typst's
    own query of the laid-out document finds them: the header row's cells, each body row's
    last cell, and the cells that hold a figure alone (set in a box, which never wraps)."""
    import typst

    from smartkreis.documents import typst_arguments

    arguments = typst_arguments(template, data, title=title, language=language)
    tables = []
    for table in json.loads(typst.query(selector="table", **arguments)):
        printed, body = PrintedTable([], [], []), []
        for child in table["children"]:
            if child.get("func") == "header":
                printed.headers += [_content_text(cell["body"]) for cell in child["children"]]
            else:
                body.append(child)
                if child["body"].get("func") == "box":
                    printed.figures.append(_content_text(child["body"]))
        printed.last_cells = [
            _content_text(cell["body"])
            for cell in body[len(table["columns"]) - 1 :: len(table["columns"])]
        ]
        tables.append(printed)
    return tables


def _multiply(first, second):
    """The PDF matrix [a b c d e f] of `first` followed by `second`."""
    a, b, c, d, e, f = first
    return [
        a * second[0] + b * second[2],
        a * second[1] + b * second[3],
        c * second[0] + d * second[2],
        c * second[1] + d * second[3],
        e * second[0] + f * second[2] + second[4],
        e * second[1] + f * second[3] + second[5],
    ]


def _glyph_widths(font):
    """The advance widths (in 1/1000 em) of a composite font's glyphs, and its default."""
    assert font["/Subtype"] == "/Type0", f"not a composite font: {font['/BaseFont']}"
    descendant = font["/DescendantFonts"][0].get_object()
    widths, entries, index = {}, descendant.get("/W", []), 0
    while index < len(entries):
        first, rest = int(entries[index]), entries[index + 1]
        if isinstance(rest, list):
            widths.update({first + offset: float(width) for offset, width in enumerate(rest)})
            index += 2
        else:
            width = float(entries[index + 2])
            widths.update(dict.fromkeys(range(first, int(rest) + 1), width))
            index += 3
    return widths, float(descendant.get("/DW", 1000))


def _space_glyphs(font):
    """The glyphs of `font` that its ToUnicode map reads as a space (U+0020)."""
    if "/ToUnicode" not in font:
        return set()
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    spaces = set()
    for section in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for glyph, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            if text.upper() == "0020":
                spaces.add(int(glyph, 16))
    for section in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section
        ):
            if int(text, 16) <= 0x20 <= int(text, 16) + int(last, 16) - int(first, 16):
                spaces.add(int(first, 16) + 0x20 - int(text, 16))
    return spaces


def _text_spans(content, resources, ctm, spans):
    """Append the horizontal extent (x from, x to, in points) of every string `content` shows,
    up to its last glyph that is not a space: Typst keeps the space at the end of a line in
    the line's string, where it stands past the last letter (and may reach into the margin)
    without showing anything."""
    from pypdf.generic import NameObject

    fonts = {name: font.get_object() for name, font in resources.get("/Font", {}).items()}
    metrics = {}  # each font's widths, default width and space glyphs, read once
    xobjects = resources.get("/XObject", {})
    saved, state = [], {"Tc": 0.0, "Tz": 1.0, "TL": 0.0}
    widths = default_width = spaces = None
    size, tm, line = 0.0, IDENTITY, IDENTITY
    for operands, operator in content.operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q":
            ctm = saved.pop()
        elif operator == b"cm":
            ctm = _multiply([float(value) for value in operands], ctm)
        elif operator == b"BT":
            tm = line = IDENTITY
        elif operator == b"Tm":
            tm = line = [float(value) for value in operands]
        elif operator in (b"Td", b"TD", b"T*"):
            if operator == b"TD":
                state["TL"] = -float(operands[1])
            tx, ty = (float(operands[0]), float(operands[1])) if operands else (0, -state["TL"])
            tm = line = _multiply([1, 0, 0, 1, tx, ty], line)
        elif operator in (b"Tc", b"TL"):
            state[operator.decode()] = float(operands[0])
        elif operator == b"Tz":
            state["Tz"] = float(operands[0]) / 100
        elif operator == b"Tf":
            if operands[0] not in metrics:
                font = fonts[operands[0]]
                metrics[operands[0]] = (*_glyph_widths(font), _space_glyphs(font))
            widths, default_width, spaces = metrics[operands[0]]
            size = float(operands[1])
        elif operator in (b"Tj", b"TJ"):
            advance = inked = 0.0
            for part in operands[0] if operator == b"TJ" else operands:
                if isinstance(part, (int, float)):
                    advance -= float(part) / 1000 * size * state["Tz"]
                elif not isinstance(part, NameObject):
                    data = getattr(part, "original_bytes", part)
                    for high, low in zip(data[::2], data[1::2], strict=True):
                        glyph = high * 256 + low
                        width = widths.get(glyph, default_width) / 1000 * size
                        advance += (width + state["Tc"]) * state["Tz"]
                        if glyph not in spaces:
                            inked = advance
            start = _multiply(_multiply([1, 0, 0, 1, 0, 0], tm), ctm)[4]
            end = _multiply(_multiply([1, 0, 0, 1, inked, 0], tm), ctm)[4]
            spans.append((min(start, end), max(start, end)))
            tm = _multiply([1, 0, 0, 1, advance, 0], tm)
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject["/Subtype"] == "/Form":
                from pypdf.generic import ContentStream

                matrix = [float(value) for value in xobject.get("/Matrix", IDENTITY)]
                _text_spans(
                    ContentStream(xobject, None),
                    xobject.get("/Resources", resources),
                    _multiply(matrix, ctm),
                    spans,
                )
    return spans


@dataclass
class PrintedPage:
    width: float  # the MediaBox, in points
    height: float
    text: str  # whitespace collapsed
    lines: list  # each line's text, whitespace collapsed
    text_from: float  # the leftmost and rightmost point of any text on the page
    text_to: float


def read_pdf_pages(content):
    """Each page of PDF bytes with its size, text and the horizontal extent of its text."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        spans = _text_spans(page.get_contents(), page["/Resources"], IDENTITY, [])
        text = page.extract_text()
        pages.append(
            PrintedPage(
                width=float(page.mediabox.width),
                height=float(page.mediabox.height),
                text=" ".join(text.split()),
                lines=[" ".join(line.split()) for line in text.splitlines()],
                text_from=min(start for start, _end in spans),
                text_to=max(end for _start, end in spans),
            )
        )
    return pages


def assert_a4_pdf_with_whole_tables(content, tables, *, left_mm=25, right_mm=20):
    """The PDF bytes `content`, printed with `tables` (PrintedTable each, from
    `typst_printed_tables`): every page A4 (portrait or
    landscape), no text past the left or right margin (DIN 5008: 25 mm, 20 mm), every table's
    column headers and each row's last cell in the text in full, and every figure on one
    line."""
    pages = read_pdf_pages(content)
    tolerance = 0.5  # points: rounding of glyph widths
    for number, page in enumerate(pages, start=1):
        assert sorted((page.width, page.height)) == pytest.approx(A4_POINTS, abs=0.01), number
        assert page.text_from >= left_mm * POINTS_PER_MM - tolerance, (number, page.text_from)
        right_edge = page.width - right_mm * POINTS_PER_MM
        assert page.text_to <= right_edge + tolerance, (number, page.text_to, right_edge)
    # The text starts at the left margin itself: the margin is 25 mm, not more.
    assert min(page.text_from for page in pages) == pytest.approx(left_mm * POINTS_PER_MM, abs=1)
    text = " ".join(page.text for page in pages)
    lines = [line for page in pages for line in page.lines]
    assert tables, "the document has no table"
    for table in tables:
        # The PDF's text layer gives a no-break space as a plain one.
        for cell in table.headers + table.last_cells:
            assert cell.replace("\u00a0", " ") in text, cell
        for figure in table.figures:
            figure = figure.replace("\u00a0", " ")
            assert any(figure in line for line in lines), f"{figure} breaks across lines"
