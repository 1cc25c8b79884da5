"""Word templates run in Jinja's sandbox: the classic escapes to Python fail with a German
error and run nothing; user data stays text, also where it is a Django safe string."""

import io

import docx
import pytest
from django.utils import translation
from django.utils.safestring import mark_safe

from smartkreis.documents import DocumentTemplateError, render_docx
from smartkreis.testing.documents import template_escapes


def template_with(*lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def rendered_texts(template, context):
    content = render_docx(template, context, title="Probe", language="de")
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs]


@pytest.mark.parametrize("name", list(template_escapes("/dev/null")))
def test_an_escape_from_the_sandbox_is_refused_in_german_and_runs_nothing(tmp_path, name):
    target = tmp_path / f"{name}.txt"
    template = template_with("Kopfzeile", template_escapes(target)[name])

    with translation.override("de"), pytest.raises(DocumentTemplateError) as refused:
        rendered_texts(template, {"title": "Vorlage", "labels": {"title": "Titel"}})

    assert str(refused.value).startswith("Die Word-Vorlage enthält einen")
    assert not target.exists()


@pytest.mark.parametrize("name", ["range", "dict", "namespace", "joiner", "cycler", "lipsum"])
def test_jinjas_globals_are_gone(name):
    with translation.override("de"), pytest.raises(DocumentTemplateError) as refused:
        rendered_texts(template_with(f"{{{{ {name}() }}}}"), {})
    assert f"'{name}' is undefined" in str(refused.value)


def test_user_data_cannot_be_marked_as_xml():
    injected = "</w:t></w:r><w:r><w:t>eingeschleust"
    template = template_with("{{ title }}", "{{ note|safe }}")

    with pytest.raises(DocumentTemplateError):
        rendered_texts(template, {"title": injected, "note": injected})
    texts = rendered_texts(template_with("{{ title }}"), {"title": mark_safe(injected)})

    assert texts == [injected]


def test_objects_in_the_context_reach_the_template_as_text_only():
    class Record:
        deleted = False

        def delete(self):
            self.deleted = True

        def __str__(self):
            return "Datensatz"

    record = Record()
    assert rendered_texts(template_with("{{ record }}"), {"record": record}) == ["Datensatz"]
    with pytest.raises(DocumentTemplateError):
        rendered_texts(template_with("{{ record.delete() }}"), {"record": record})
    assert not record.deleted


def test_the_template_language_a_template_needs_still_works():
    template = template_with(
        "{% for row in rows %}{{ loop.index }}. {{ row.name|upper }}{% if not loop.last %}, "
        "{% endif %}{% endfor %}",
        "{{ labels.missing|default('–') }} {{ rows|length }} {{ chart.columns[0].label }}",
    )
    context = {
        "rows": [{"name": "Breitband"}, {"name": "Schulen"}],
        "labels": {},
        "chart": {"columns": [{"label": "Datum"}]},
    }
    assert rendered_texts(template, context) == ["1. BREITBAND, 2. SCHULEN", "– 2 Datum"]
