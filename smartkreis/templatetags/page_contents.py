"""{% with_page_contents %} … {% end_with_page_contents %}: a long page's sections, listed.

The tag renders what it wraps, finds the second-level headings that carry an id, and puts a
navigation to them ("On this page") in front, so the list always matches the sections the
page shows for this user and object, with no list to keep in step by hand. Headings come from
our templates; user text inside them is escaped already and is shown as plain text.
"""

import re
from html import unescape

from django import template
from django.template.loader import render_to_string
from django.utils.html import strip_tags

register = template.Library()

HEADING = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
# Fewer sections than this fit on a screen or two; a list of them would only be in the way.
MIN_SECTIONS = 3


class PageContentsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        sections = [
            {"id": heading_id, "label": " ".join(unescape(strip_tags(inner)).split())}
            for heading_id, inner in HEADING.findall(html)
        ]
        if len(sections) < MIN_SECTIONS:
            return html
        contents = render_to_string(
            "components/page_contents.html",
            {"sections": sections},
            getattr(context, "request", None),
        )
        return contents + html


@register.tag("with_page_contents")
def with_page_contents(parser, token):
    nodelist = parser.parse(("end_with_page_contents",))
    parser.delete_first_token()
    return PageContentsNode(nodelist)
