"""The open data, public without login: the /daten/ page, each dataset's CSV and JSON file and
the DCAT-AP.de catalogue. The page is one of the portal's public pages (its conditional GET,
and the portal's crawl for leaks starts there and follows the links to every file); the files
answer conditional requests with their own ETag and Last-Modified."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from portal.views import public_page

from . import queries


def _file_response(request, published):
    last_modified = int(published.modified.timestamp()) if published.modified else None
    not_modified = get_conditional_response(
        request, etag=published.etag, last_modified=last_modified
    )
    response = not_modified or HttpResponse(published.content, content_type=published.content_type)
    response.headers["ETag"] = published.etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    # Anyone may cache the public files, but asks again before using a copy.
    patch_cache_control(response, public=True, no_cache=True)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@public_page
def index(request):
    return render(request, "opendata/index.html", queries.open_data_page())


@require_safe
def dataset_file(request, slug, file_format):
    published = queries.dataset_file(slug, file_format)
    if published is None:
        raise Http404
    return _file_response(request, published)


@require_safe
def catalogue(request, rdf_format):
    site_url = settings.SITE_URL or request.build_absolute_uri("/")
    return _file_response(request, queries.catalogue_file(rdf_format, site_url=site_url))
