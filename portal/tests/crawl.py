"""The public pages, files and feeds, found through the URL resolver, and a crawl over them.

A view marked public (`portal.views.public_page`, which sets `is_public_page`) is a start
address of the crawl: a new public page, of this app or another, is crawled unasked.
"""

import io
import re
import zipfile
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

MAX_PAGES = 300


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "is_public_page", False):
            yield f"{namespace}{pattern.name}", tuple(pattern.pattern.converters)


def public_url_patterns():
    """(URL name, argument names) of every public page, file and feed."""
    return sorted(set(_walk(get_resolver().url_patterns)))


def public_start_urls(ids):
    """The address of every public pattern; an argument `pk` takes the id of the object kind
    the pattern is named after (`ids`: kind → id, e.g. {"goal": 3})."""
    urls = []
    for name, arguments in public_url_patterns():
        short_name = name.rpartition(":")[2]
        kind = next((kind for kind in ids if short_name.startswith(kind)), None)
        if arguments and kind is None:
            raise LookupError(f"No object for the public pattern {name}: add its kind to ids")
        urls.append(reverse(name, kwargs={arguments[0]: ids[kind]} if arguments else None))
    return urls


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def _text_of(response):
    content_type = response.get("Content-Type", "")
    # Kept documents are served from the storage as they are read (streamed).
    content = response.getvalue()
    if content_type.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    if content_type.startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(content)) as document:
            return "\n".join(
                re.sub(r"<[^>]+>", "", document.read(name).decode())
                for name in document.namelist()
                if name.endswith(".xml")
            )
    if content_type.startswith(("text/", "application/atom", "application/json")):
        return content.decode()
    return ""  # an image or another file without text


def _same_site_links(text):
    parser = _Links()
    parser.feed(text)
    links = re.findall(r'<link href="(/[^"]*)"', text)  # Atom entries
    return [
        link.split("#", 1)[0]
        for link in [*parser.links, *links]
        if link.startswith("/") and not link.startswith(("//", "/static/"))
    ]


def crawl(client, start_urls):
    """{address: text} of every page reached from `start_urls` by same-site links that an
    anonymous visitor can open (answers 200); PDFs as their extracted text."""
    seen, texts, queue = set(), {}, list(start_urls)
    while queue and len(texts) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _text_of(response)
        texts[url] = text
        if response.get("Content-Type", "").startswith(("text/html", "application/atom")):
            queue.extend(link for link in _same_site_links(text) if link not in seen)
    return texts
