"""Analysis pages: matrix (the app's start page), coverage and trend, gaps, map.

Internal users only: anonymous visitors are sent to the login. All logged-in users see the
status and maturity of every body's offers (see online_services.analysis for why).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import analysis
from .models import ServiceOffer


def _query_without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@login_required
def matrix(request):
    context = analysis.matrix(
        user=request.user, params=request.GET, page_number=request.GET.get("page")
    )
    context["query"] = _query_without_page(request.GET)
    context["symbols"] = [
        (analysis.STATUS_SYMBOLS[status], status.label) for status in ServiceOffer.Status
    ]
    context["no_offer_symbol"] = analysis.NO_OFFER_SYMBOL
    context["analysis_page"] = "matrix"
    return render(request, "online_services/analysis/matrix.html", context)


@require_GET
@login_required
def coverage(request):
    bodies = analysis.analysis_bodies(request.user)
    form, model = analysis.chosen_model(request.GET, bodies)
    context = {
        "analysis_page": "coverage",
        "form": form,
        "model": model,
        **analysis.cached_coverage_charts(bodies=bodies, model=model, today=timezone.localdate()),
    }
    return render(request, "online_services/analysis/coverage.html", context)


@require_GET
@login_required
def gaps(request):
    bodies = analysis.analysis_bodies(request.user)
    body = analysis.default_body(request.user, bodies)
    if "body" in request.GET:
        form = analysis.GapsForm(request.GET, bodies=bodies)
        body = (
            next(other for other in bodies if other.pk == form.cleaned_data["body"])
            if form.is_valid()
            else None
        )
    else:
        form = analysis.GapsForm(initial={"body": body.pk if body else None}, bodies=bodies)
    page_obj = None
    if body is not None:
        page_obj = Paginator(
            analysis.gaps(bodies=bodies, body=body), analysis.GAPS_PAGE_SIZE
        ).get_page(request.GET.get("page"))
        for service in page_obj.object_list:
            service.own_status_label = (
                ServiceOffer.Status(service.own_status).label if service.own_status else ""
            )
    context = {
        "analysis_page": "gaps",
        "form": form,
        "body": body,
        "others": len(bodies) - 1,
        "page_obj": page_obj,
        "query": _query_without_page(request.GET),
    }
    return render(request, "online_services/analysis/gaps.html", context)


@require_GET
@login_required
def coverage_map(request):
    bodies = analysis.analysis_bodies(request.user)
    form, model = analysis.chosen_model(request.GET, bodies)
    context = {
        "analysis_page": "map",
        "form": form,
        "model": model,
        "map": analysis.coverage_map(bodies, model),
    }
    return render(request, "online_services/analysis/map.html", context)
