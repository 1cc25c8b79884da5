"""The OParl 1.1 API: public, read-only JSON, open to every origin."""

import functools
import math
from urllib.parse import urlencode

from django.http import FileResponse, JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import queries, serializers

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100
DATE_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
# The spec's name for the page size, and the shorter one many clients send.
PAGE_SIZE_PARAMETERS = ("elementsPerPage", "limit")


class OParlError(Exception):
    def __init__(self, status, message, debug=""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.debug = debug


def _json(data, status=200):
    response = JsonResponse(
        data,
        status=status,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status, message, debug=""):
    return _json(serializers.error(message, debug), status=status)


def oparl_view(view):
    """GET/HEAD only, errors as OParl error objects, CORS for every answer.

    csrf_exempt: the API changes nothing, and a POST must get the 405 error object rather than
    the CSRF middleware's HTML page.
    """

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _error(
                405,
                _("The OParl interface is read-only."),
                f"method {request.method} not allowed",
            )
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, serializers.Urls(request), *args, **kwargs)
        except OParlError as error:
            return _error(error.status, error.message, error.debug)

    return wrapper


def _oparl_type(slug):
    oparl_type = queries.TYPES_BY_SLUG.get(slug)
    if oparl_type is None:
        raise OParlError(404, _("There is no such object type."), f"unknown type {slug!r}")
    return oparl_type


def _not_found(oparl_type, pk):
    return OParlError(
        404, _("The object does not exist or is not public."), f"{oparl_type.name} {pk}"
    )


@oparl_view
def system(request, urls):
    return _json(serializers.system(urls))


@oparl_view
def object_detail(request, urls, slug, pk):
    oparl_type = _oparl_type(slug)
    obj = queries.public_object_or_tombstone(oparl_type, pk)
    if obj is None:
        raise _not_found(oparl_type, pk)
    return _json(serializers.serialize(urls, oparl_type.name, obj))


@oparl_view
def body_list(request, urls):
    return _list(request, urls, queries.TYPES["Body"], body=None)


@oparl_view
def body_object_list(request, urls, body_pk, slug):
    oparl_type = _oparl_type(slug)
    if not oparl_type.body_property:
        raise OParlError(404, _("There is no such list."), f"no body list of {slug!r}")
    body = queries.public_body(body_pk)
    if body is None:
        raise _not_found(queries.TYPES["Body"], body_pk)
    return _list(request, urls, oparl_type, body=body)


def _parse_filters(params):
    filters = {}
    for name in DATE_FILTERS:
        raw = params.get(name)
        if raw is None:
            continue
        # A "+" of the offset arrives as a space when the client did not URL-encode it.
        value = _parse_date_time(raw.replace(" ", "+"))
        if value is None:
            raise OParlError(
                400,
                _(
                    "The filter %(name)s needs a date and time with time zone, "
                    "e.g. 2024-01-01T00:00:00+01:00."
                )
                % {"name": name},
                f"{name}={raw!r}",
            )
        filters[name] = value
    return filters


def _parse_date_time(raw):
    try:
        value = parse_datetime(raw)
    except ValueError:
        return None
    return value if value is not None and value.tzinfo is not None else None


def _positive_int(params, names, default):
    for name in names:
        raw = params.get(name)
        if raw is None:
            continue
        if not raw.isdigit() or int(raw) < 1:
            raise OParlError(
                400,
                _("The parameter %(name)s needs a positive whole number.") % {"name": name},
                f"{name}={raw!r}",
            )
        return name, int(raw)
    return None, default


def _list(request, urls, oparl_type, body):
    params = request.GET
    filters = _parse_filters(params)
    size_name, requested_size = _positive_int(params, PAGE_SIZE_PARAMETERS, DEFAULT_PAGE_SIZE)
    page_size = min(requested_size, MAX_PAGE_SIZE)
    page_number = _positive_int(params, ("page",), 1)[1]
    result = queries.list_page(
        oparl_type, body, filters, offset=(page_number - 1) * page_size, limit=page_size
    )
    total_pages = max(1, math.ceil(result.total / page_size))
    if page_number > total_pages:
        raise OParlError(
            404, _("This page of the list does not exist."), f"page {page_number} of {total_pages}"
        )

    # Filters and the page size are carried onto every link, as the spec demands.
    kept = {name: params[name] for name in DATE_FILTERS if name in params}
    if size_name:
        kept[size_name] = params[size_name]
    base = urls.absolute(request.path)

    def page_url(number):
        query = {**kept, **({"page": number} if number > 1 else {})}
        return f"{base}?{urlencode(query)}" if query else base

    links = {"first": page_url(1), "self": page_url(page_number), "last": page_url(total_pages)}
    if page_number > 1:
        links["prev"] = page_url(page_number - 1)
    if page_number < total_pages:
        links["next"] = page_url(page_number + 1)
    return _json(
        {
            "data": [serializers.serialize(urls, oparl_type.name, obj) for obj in result.objects],
            "pagination": {
                "totalElements": result.total,
                "elementsPerPage": page_size,
                "currentPage": page_number,
                "totalPages": total_pages,
            },
            "links": links,
        }
    )


def _file_response(pk, as_attachment):
    paper_file = queries.public_object(queries.TYPES["File"], pk)
    if paper_file is None:
        raise _not_found(queries.TYPES["File"], pk)
    response = FileResponse(
        paper_file.content.open("rb"),
        as_attachment=as_attachment,
        filename=paper_file.file_name or paper_file.content.name.rsplit("/", 1)[-1],
        content_type=paper_file.mime_type or None,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@oparl_view
def file_access(request, urls, pk):
    return _file_response(pk, as_attachment=False)


@oparl_view
def file_download(request, urls, pk):
    return _file_response(pk, as_attachment=True)


@oparl_view
def not_found(request, urls, rest):
    raise OParlError(404, _("There is no such address in the OParl interface."), request.path)
