"""The legal texts' markup: headings, paragraphs, lists and links, and nothing from the
author that runs or styles."""

from legal.markup import render


def test_headings_paragraphs_line_breaks_and_lists():
    html = render(
        "# Anbieter\n\nRhein-Sieg-Kreis\nDer Landrat\n\n### Kontakt\n- Telefon\n- Post\n\nEnde"
    )
    assert html == (
        '<h2 class="kern-heading-medium">Anbieter</h2>\n'
        '<p class="kern-body">Rhein-Sieg-Kreis<br>Der Landrat</p>\n'
        '<h3 class="kern-heading-small">Kontakt</h3>\n'
        '<ul class="kern-list kern-list--bullet"><li>Telefon</li><li>Post</li></ul>\n'
        '<p class="kern-body">Ende</p>'
    )


def test_headings_start_at_the_level_asked_for():
    html = render("## Dateien\n### Anhänge", top_level=3)
    assert '<h3 class="kern-heading-small">Dateien</h3>' in html
    assert '<h4 class="kern-heading-small">Anhänge</h4>' in html


def test_web_and_mail_addresses_become_links():
    html = render("Internet: https://www.rhein-sieg-kreis.de\nE-Mail: info@example.org")
    assert (
        '<a class="kern-link" href="https://www.rhein-sieg-kreis.de">'
        "https://www.rhein-sieg-kreis.de</a>"
    ) in html
    assert '<a class="kern-link" href="mailto:info@example.org">info@example.org</a>' in html


def test_html_from_the_author_stays_text():
    html = render(
        '<script>alert(1)</script>\n## <img src=x onerror="alert(2)">\n'
        "- <b>fett</b>\n\njavascript:alert(3) [x](javascript:alert(4))"
    )
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_empty_text_renders_nothing():
    assert render("  \n\n ") == ""
