"""{% with_page_contents %}: a long page lists its sections; every entry leads to one."""

import re

from django.template import Context, Template

from accounts.tests.factories import StaffUnitUserFactory
from portfolio.tests.factories import InitiativeFactory

TEMPLATE = (
    "{% load page_contents %}{% with_page_contents %}"
    '{% for title in titles %}<section><h2 class="x" id="s{{ forloop.counter }}">{{ title }}'
    "</h2></section>{% endfor %}{% end_with_page_contents %}"
)


def _render(titles):
    return Template(TEMPLATE).render(Context({"titles": titles}))


def test_three_sections_or_more_are_listed_before_them_as_plain_text():
    html = _render(["Budget", "Meilensteine", "<b>Status</b> & Berichte"])
    nav, sections = html.split("</nav>")
    assert 'aria-labelledby="page-contents-heading"' in nav
    assert re.findall(r'href="#(\w+)">([^<]*)</a>', nav) == [
        ("s1", "Budget"),
        ("s2", "Meilensteine"),
        ("s3", "&lt;b&gt;Status&lt;/b&gt; &amp; Berichte"),
    ]
    assert '<h2 class="x" id="s1">Budget</h2>' in sections


def test_a_short_page_gets_no_list():
    assert "<nav" not in _render(["Budget", "Meilensteine"])


def test_the_initiative_page_lists_each_of_its_sections(client, db):
    initiative = InitiativeFactory()
    client.force_login(StaffUnitUserFactory())
    html = client.get(initiative.get_absolute_url()).content.decode()
    nav = html.split('aria-labelledby="page-contents-heading"')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([\w-]+)"', nav)
    assert {"overview-heading", "milestones-heading", "reports-heading"} <= set(targets)
    for target in targets:
        assert html.count(f'id="{target}"') == 1
