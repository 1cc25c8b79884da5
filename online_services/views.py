"""Pages of the online offers and shared solutions. Each view checks access, makes one call,
renders or redirects. Anonymous visitors go to the login; users without the right get 403
(via online_services.permissions); neither changes anything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartkreis.forms import action_errors_on
from smartkreis.views import form_flow, form_page

from . import actions, excel, queries
from .forms import (
    AssessmentForm,
    ImportForm,
    OfferForm,
    RolloutForm,
    SolutionForm,
)
from .models import ServiceOffer
from .permissions import (
    can_edit_body_offers,
    can_manage_solutions,
    can_set_rollout,
    get_body_for_user_or_404,
    get_offer_for_user_or_404,
    get_solution_for_user_or_404,
)

PAGE_SIZE = 50


# Offers ------------------------------------------------------------------------------------


@require_GET
@login_required
def offer_list(request):
    bodies = queries.bodies_with_offer_counts(request.user)
    return render(request, "online_services/offer_list.html", {"bodies": bodies})


@require_GET
@login_required
def body_offers(request, body_pk):
    body = get_body_for_user_or_404(request.user, body_pk)
    status = request.GET.get("status", "")
    if status not in ServiceOffer.Status.values:
        status = ""
    offers = queries.offers_of_body(body, status=status)
    page_obj = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "body": body,
        "page_obj": page_obj,
        "status": status,
        "statuses": ServiceOffer.Status.choices,
        "query": f"status={status}" if status else "",
        "can_edit": can_edit_body_offers(request.user, body),
    }
    return render(request, "online_services/body_offers.html", context)


@require_GET
@login_required
def offer_detail(request, pk):
    offer = get_offer_for_user_or_404(request.user, pk)
    context = {
        "offer": offer,
        "assessments": queries.assessment_history(offer),
        "can_edit": can_edit_body_offers(request.user, offer.body),
    }
    return render(request, "online_services/offer_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def offer_create(request, body_pk):
    body = get_body_for_user_or_404(request.user, body_pk, edit=True)
    form = OfferForm(request.POST or None, user=request.user, body=body)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            offer = actions.create_offer(acting_user=request.user, body=body, **form.values())
            messages.success(request, _("The online offer has been saved."))
            return redirect("online_services:offer_detail", pk=offer.pk)
    back = reverse("online_services:body_offers", args=[body.pk])
    return form_page(
        request,
        form=form,
        heading=_("New online offer of %(body)s") % {"body": body.name},
        submit_label=_("Save offer"),
        cancel_url=back,
        back_url=back,
        back_label=body.name,
    )


@require_http_methods(["GET", "POST"])
@login_required
def offer_edit(request, pk):
    offer = get_offer_for_user_or_404(request.user, pk, edit=True)
    form = OfferForm(request.POST or None, user=request.user, body=offer.body, offer=offer)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_offer(
                acting_user=request.user,
                offer=offer,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
            messages.success(request, _("The online offer has been saved."))
            return redirect("online_services:offer_detail", pk=offer.pk)
    back = reverse("online_services:offer_detail", args=[offer.pk])
    return form_page(
        request,
        form=form,
        heading=_("Edit online offer: %(service)s") % {"service": offer.service.name},
        submit_label=_("Save offer"),
        cancel_url=back,
        back_url=back,
        back_label=offer.service.name,
    )


@require_http_methods(["GET", "POST"])
@login_required
def assessment_create(request, pk):
    offer = get_offer_for_user_or_404(request.user, pk, edit=True)
    form = AssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.record_assessment(acting_user=request.user, offer=offer, **form.values())
            messages.success(request, _("The assessment has been recorded."))
            return redirect(
                reverse("online_services:offer_detail", args=[offer.pk]) + "#assessments"
            )
    back = reverse("online_services:offer_detail", args=[offer.pk])
    return form_page(
        request,
        form=form,
        heading=_("Assess maturity: %(service)s") % {"service": offer.service.name},
        submit_label=_("Record assessment"),
        cancel_url=back,
        back_url=back,
        back_label=offer.service.name,
    )


# Excel round-trip --------------------------------------------------------------------------


@require_GET
@login_required
def body_export(request, body_pk):
    body = get_body_for_user_or_404(request.user, body_pk)
    response = HttpResponse(excel.export_body(body), content_type=excel.XLSX_CONTENT_TYPE)
    filename = f"onlineangebote-{body.pk}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def body_import(request, body_pk):
    """Upload an edited export; a background job checks every row and applies only a clean
    file or, when the user explicitly asks for it, only the valid rows (its page shows the
    report)."""
    body = get_body_for_user_or_404(request.user, body_pk, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = excel.start_import(
            acting_user=request.user,
            body=body,
            file=form.cleaned_data["file"],
            only_valid_rows=form.cleaned_data["apply_valid_rows"],
        )
        return redirect(job)
    return render(request, "online_services/body_import.html", {"body": body, "form": form})


# Shared solutions --------------------------------------------------------------------------


@require_GET
@login_required
def solution_list(request):
    context = {
        "solutions": queries.solutions_with_counts(request.user),
        "can_manage": can_manage_solutions(request.user),
    }
    return render(request, "online_services/solution_list.html", context)


@require_GET
@login_required
def solution_detail(request, pk):
    solution = get_solution_for_user_or_404(request.user, pk)
    rollouts = [
        (body, rollout, can_set_rollout(request.user, body))
        for body, rollout in queries.solution_rollouts(request.user, solution)
    ]
    context = {
        "solution": solution,
        "services": solution.services.order_by("name"),
        "rollouts": rollouts,
        "can_manage": can_manage_solutions(request.user),
    }
    return render(request, "online_services/solution_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def solution_create(request):
    if not can_manage_solutions(request.user):
        raise PermissionDenied
    form = SolutionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            solution = actions.create_solution(acting_user=request.user, **form.values())
            messages.success(request, _("The shared solution has been saved."))
            return redirect("online_services:solution_detail", pk=solution.pk)
    back = reverse("online_services:solution_list")
    return form_page(
        request,
        form=form,
        heading=_("New shared solution"),
        submit_label=_("Save solution"),
        cancel_url=back,
        back_url=back,
        back_label=_("Shared solutions"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def solution_edit(request, pk):
    solution = get_solution_for_user_or_404(request.user, pk, manage=True)
    form = SolutionForm(request.POST or None, user=request.user, solution=solution)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_solution(acting_user=request.user, solution=solution, **form.values())
            messages.success(request, _("The shared solution has been saved."))
            return redirect("online_services:solution_detail", pk=solution.pk)
    back = reverse("online_services:solution_detail", args=[solution.pk])
    return form_page(
        request,
        form=form,
        heading=_("Edit shared solution: %(name)s") % {"name": solution.name},
        submit_label=_("Save solution"),
        cancel_url=back,
        back_url=back,
        back_label=solution.name,
    )


@require_http_methods(["GET", "POST"])
@login_required
def rollout_edit(request, pk, body_pk):
    solution = get_solution_for_user_or_404(request.user, pk)
    body = get_body_for_user_or_404(request.user, body_pk)
    if not can_set_rollout(request.user, body):
        raise PermissionDenied
    form = RolloutForm(request.POST or None, rollout=queries.solution_rollout_in(solution, body))
    back = reverse("online_services:solution_detail", args=[solution.pk]) + "#rollouts"
    return form_flow(
        request,
        form=form,
        save=lambda: actions.set_solution_rollout(
            acting_user=request.user, solution=solution, body=body, **form.values()
        ),
        saved_message=_("The status in %(body)s has been saved.") % {"body": body.name},
        success_url=back,
        heading=_("%(solution)s: status in %(body)s") % {"solution": solution, "body": body},
        submit_label=_("Save status"),
        cancel_url=back,
        back_url=back,
        back_label=solution.name,
    )
