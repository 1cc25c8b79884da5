"""The public portal's pages (no login: anonymous visitors read what is published) and the
staff unit's pages to write, approve and withdraw the summaries.

Public pages answer conditional requests: their ETag and Last-Modified come from the newest
audit entry (one indexed query), so a revisit costs a 304 until something changes. Logged-in
users get no validators, as their header differs.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_http_methods, require_POST

from audit.queries import last_change_at
from smartkreis import frozen
from smartkreis.forms import action_errors_on

from . import actions, queries
from .documents import public_report_pdf
from .feeds import ChangesFeed
from .forms import SummaryForm
from .permissions import require_publication_manager

PUBLIC_MAX_AGE = 60
# A safety net: a change the audit trail missed shows after this long at the latest.
PUBLIC_CACHE_SECONDS = 600


def _version(request):
    """What a public page's content depends on: the newest change, the day (what is overdue
    changes at midnight without any change recorded) and the language."""
    if not hasattr(request, "_portal_version"):
        last = last_change_at()
        request._portal_last_change = last
        stamp = f"{last.timestamp():.6f}" if last else "-"
        today = timezone.localdate().isoformat()
        request._portal_version = f"{stamp}-{today}-{translation.get_language()}"
    return request._portal_version


def _etag(request, *args, **kwargs):
    # Logged-in users get no validators: their header differs.
    return None if request.user.is_authenticated else _version(request)


def _last_modified(request, *args, **kwargs):
    if request.user.is_authenticated:
        return None
    _version(request)
    return request._portal_last_change


def _cached(request, name, compute):
    """`compute()` (a page's data), kept in the cache until anything it shows may have
    changed: the charts cost far more to build than the page to render."""
    key = f"portal:{name}:{_version(request)}"
    return cache.get_or_set(key, compute, PUBLIC_CACHE_SECONDS)


def public_page(view):
    """A page for everyone: conditional GET for anonymous visitors, kept by their browser
    briefly."""

    @functools.wraps(view)
    @require_GET
    @condition(etag_func=_etag, last_modified_func=_last_modified)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        if not request.user.is_authenticated:
            # Private: the page carries the visitor's CSRF token (the language switch), which
            # a shared cache must not hand to the next visitor.
            patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
        return response

    # Marks the page for the crawl that proves nothing internal reaches the public.
    wrapped.is_public_page = True
    return wrapped


# Public pages ------------------------------------------------------------------------------------


@public_page
def start(request):
    # Read only when the page's cached fragment (start.html) has run out: unpickling the page
    # data cost more than writing out the kept HTML.
    page = SimpleLazyObject(lambda: _cached(request, "start", queries.start_page))
    return render(request, "portal/start.html", {"page": page, "version": _version(request)})


@public_page
def goal(request, pk):
    # Read only when a cached fragment of goal.html (its title, its content) has run out: at a
    # Land's size the page data (270 projects, 5 charts) cost more to unpickle than the page
    # to write, and their garbage brought on the slowest requests' full collections.
    page = SimpleLazyObject(
        lambda: _cached(
            request, f"goal-{pk}", lambda: queries.goal_page(pk, today=timezone.localdate())
        )
    )
    context = {
        "page": page,
        "goal": SimpleLazyObject(lambda: page.goal),
        "pk": pk,
        "version": _version(request),
    }
    return render(request, "portal/goal.html", context)


@public_page
def initiative(request, pk):
    page = _cached(
        request,
        f"initiative-{pk}",
        lambda: queries.initiative_page(pk, today=timezone.localdate()),
    )
    return render(request, "portal/initiative.html", {"page": page, "initiative": page.initiative})


@public_page
def decisions(request):
    page = queries.decisions_page(
        request.GET, page_number=request.GET.get("page"), today=timezone.localdate()
    )
    return render(
        request,
        "portal/decisions.html",
        {"page": page, "page_obj": page.page_obj, "query": _query_without_page(request.GET)},
    )


@public_page
def services(request):
    page = queries.services_page(
        request.GET,
        page_number=request.GET.get("page"),
        cached=functools.partial(_cached, request),
    )
    context = {
        "page": page,
        "page_obj": page.page_obj,
        "query": _query_without_page(request.GET),
        "version": _version(request),
    }
    return render(request, "portal/services.html", context)


@public_page
def documents(request):
    page = queries.documents_page(page_number=request.GET.get("page"))
    return render(request, "portal/documents.html", {"page": page, "page_obj": page.papers})


@public_page
def report_pdf(request, pk):
    report = queries.public_report_or_404(pk)
    return frozen.serve(request, public_report_pdf(report))


feed = public_page(ChangesFeed())


def _query_without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


# The staff unit's pages ---------------------------------------------------------------------------


@require_GET
@login_required
def manage_list(request):
    require_publication_manager(request.user)
    page = queries.manage_list_page(page_number=request.GET.get("page"))
    return render(request, "portal/manage_list.html", {"page": page, "page_obj": page.initiatives})


def _manage_subject(request, kind, pk):
    require_publication_manager(request.user)
    page = queries.manage_subject_page(kind, pk)
    subject, publication = page.subject, page.publication
    form = SummaryForm(request.POST or None, publication=publication)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.write_summary(
                acting_user=request.user,
                subject=subject,
                text=form.cleaned_data["draft"],
                expected_version=form.cleaned_data.get("version"),
            )
            messages.success(
                request, _("The draft has been saved. Check the preview, then publish it.")
            )
            return redirect(request.path)
    return render(request, "portal/manage_subject.html", {"page": page, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def manage_goal(request, pk):
    return _manage_subject(request, "goal", pk)


@require_http_methods(["GET", "POST"])
@login_required
def manage_initiative(request, pk):
    return _manage_subject(request, "initiative", pk)


def _change_publication(request, kind, pk, change, done_message):
    require_publication_manager(request.user)
    publication = queries.manage_subject_page(kind, pk).publication
    if publication is None:
        messages.error(request, _("Write the summary first."))
    else:
        try:
            change(
                acting_user=request.user,
                publication=publication,
                expected_version=_posted_version(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done_message)
    return redirect(f"portal:manage_{kind}", pk=pk)


def _posted_version(request):
    version = request.POST.get("version", "")
    return int(version) if version.isdigit() else -1


@require_POST
@login_required
def publish(request, kind, pk):
    return _change_publication(
        request,
        kind,
        pk,
        actions.publish_summary,
        _("The summary has been approved and published."),
    )


@require_POST
@login_required
def unpublish(request, kind, pk):
    return _change_publication(
        request, kind, pk, actions.unpublish_summary, _("The summary is no longer public.")
    )
