"""Read generated documents back in tests: what a PDF or Word reader would see."""

import io
from dataclasses import dataclass, field


@dataclass
class ReadPdf:
    text: str  # all pages' text, whitespace collapsed
    title: str
    author: str
    language: str
    xmp: str
    structure_types: set = field(default_factory=set)
    fonts_embedded: bool = False


def read_pdf(content):
    """Open PDF bytes with pypdf and collect text, metadata, tags and font embedding."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    structure_types = set()
    if "/StructTreeRoot" in catalog:
        pending = [catalog["/StructTreeRoot"].get_object()]
        while pending:
            node = pending.pop()
            if "/S" in node:
                structure_types.add(node["/S"])
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
    )


def assert_accessible_archivable_pdf(pdf):
    """`pdf` (a ReadPdf) is tagged, titled, in German and claims PDF/A-2a and PDF/UA-1."""
    assert pdf.structure_types, "no structure tree, MarkInfo or DisplayDocTitle"
    assert {"/H1", "/P"} <= pdf.structure_types
    assert pdf.title
    assert pdf.author == "smartkreis"
    assert pdf.language == "de"
    assert 'pdfuaid:part="1"' in pdf.xmp
    assert 'pdfaid:part="2"' in pdf.xmp
    assert 'pdfaid:conformance="A"' in pdf.xmp
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in pdf.xmp
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
