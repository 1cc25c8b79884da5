"""Nothing internal reaches the public: every internal text of the register carries a secret
marker (portal/tests/conftest.py), and no public page, file or feed shows one."""

import pytest
from django.urls import reverse

from portal.tests.conftest import SECRET
from portal.tests.crawl import crawl, public_start_urls

pytestmark = pytest.mark.django_db


def test_no_public_page_file_or_feed_shows_an_internal_text(client, public_world):
    start_urls = public_start_urls(public_world.ids())
    assert reverse("portal:report_pdf", args=[public_world.report.pk]) in start_urls
    assert reverse("portal:feed") in start_urls

    texts = crawl(client, start_urls)

    # The crawl reached the public things, so the absence of markers means something.
    crawled = "\n".join(texts.values())
    for public_text in (
        "Mehr Anträge online stellen.",
        "Akten werden digital geführt.",
        "Digitalpakt",
        "Die Lenkungsgruppe gibt die E-Akte frei.",
        "Die Digitalisierung kommt voran.",
        "Digitalstrategie",
    ):
        assert public_text in crawled
    assert reverse("papers:paper_detail", args=[public_world.paper.pk]) in texts
    leaks = {
        url: text[text.index(SECRET) - 80 :][:160] for url, text in texts.items() if SECRET in text
    }
    assert leaks == {}
