"""The little markup of the legal texts, rendered safely: administrators write plain text,
never HTML.

- a blank line separates paragraphs; a line break inside one stays a line break;
- a line starting with `## ` is a heading (`### ` one level below it; `# ` counts as `## `, since
  the page has its title already);
- lines starting with `- ` make a list;
- web addresses (https://…, www.…) and e-mail addresses become links.

Everything else is text: it is escaped before anything is marked up, so `<script>` stays text.
"""

import re

from django.utils.html import format_html, format_html_join, urlize
from django.utils.safestring import mark_safe

HEADING = re.compile(r"(#{1,3})\s+(\S.*)")
LIST_ITEM = re.compile(r"[-*]\s+(\S.*)")
HEADING_CLASSES = {2: "kern-heading-medium", 3: "kern-heading-small", 4: "kern-heading-small"}


def _inline(text):
    """The text escaped, with its web and e-mail addresses as links (urlize escapes all the
    rest itself and links only http(s), www. and e-mail addresses)."""
    linked = urlize(text.strip(), autoescape=True)
    return mark_safe(linked.replace("<a href=", '<a class="kern-link" href='))


def _heading(marks, text, top_level):
    level = min(top_level + (1 if len(marks) == 3 else 0), 4)
    return format_html(
        '<h{} class="{}">{}</h{}>', level, HEADING_CLASSES[level], _inline(text), level
    )


def _paragraph(lines):
    return format_html(
        '<p class="kern-body">{}</p>', mark_safe("<br>".join(_inline(line) for line in lines))
    )


def _list(items):
    return format_html(
        '<ul class="kern-list kern-list--bullet">{}</ul>',
        format_html_join("", "<li>{}</li>", ((_inline(item),) for item in items)),
    )


def _blocks(lines, top_level):
    """The HTML of one block of lines (between blank lines): headings, lists, paragraphs."""
    parts, paragraph, items = [], [], []

    def flush():
        if paragraph:
            parts.append(_paragraph(paragraph))
            paragraph.clear()
        if items:
            parts.append(_list(items))
            items.clear()

    for line in lines:
        if heading := HEADING.fullmatch(line.strip()):
            flush()
            parts.append(_heading(heading[1], heading[2], top_level))
        elif item := LIST_ITEM.fullmatch(line.strip()):
            if paragraph:
                flush()
            items.append(item[1])
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return parts


def render(text, *, top_level=2):
    """`text` as safe HTML; its headings start at level `top_level` (2 on a page of its own,
    3 inside a section of the accessibility statement)."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    parts = [
        part for block in blocks if block.strip() for part in _blocks(block.split("\n"), top_level)
    ]
    return mark_safe("\n".join(parts))
