from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import queries
from .permissions import can_view_organisation, get_body_for_user, get_org_unit_for_user


@login_required
def body_list(request):
    if not can_view_organisation(request.user):
        raise PermissionDenied
    return render(request, "organisations/body_list.html", queries.bodies_by_kind())


@login_required
def body_detail(request, pk):
    body = get_body_for_user(request.user, pk)
    page = queries.body_page(user=request.user, body=body)
    return render(request, "organisations/body_detail.html", {"page": page, "body": body})


@login_required
def org_unit_detail(request, pk):
    unit = get_org_unit_for_user(request.user, pk)
    page = queries.unit_page(user=request.user, unit=unit)
    return render(request, "organisations/org_unit_detail.html", {"page": page, "unit": unit})
