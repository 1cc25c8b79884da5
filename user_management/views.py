"""Pages of the user management. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login; users who manage nobody get 403; a user or
invitation outside the manager's body answers 404; neither changes anything. The invitation
link's page is open to anyone with the link.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartkreis.forms import action_errors_on
from smartkreis.views import form_page

from . import actions, permissions, queries
from .forms import AcceptInvitationForm, InvitationForm, UserEditForm

PAGE_SIZE = 25


def _require_manager(user):
    if not permissions.can_manage_users(user):
        raise PermissionDenied


def _accept_url_builder(request):
    """Absolute invitation links: from SITE_URL when configured (behind a proxy), else from
    the request."""

    def accept_url(token):
        path = reverse("user_management:invitation_accept", args=[token])
        base = settings.SITE_URL.rstrip("/")
        return f"{base}{path}" if base else request.build_absolute_uri(path)

    return accept_url


def _query_without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


# Users ------------------------------------------------------------------------------------


@require_GET
@login_required
def user_list(request):
    _require_manager(request.user)
    filterset, users = queries.user_list_queryset(request.user, request.GET)
    page_obj = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query": _query_without_page(request.GET),
    }
    template = "user_management/user_list.html"
    if request.htmx:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def user_detail(request, pk):
    _require_manager(request.user)
    managed = permissions.get_user_for_manager(request.user, pk)
    context = queries.user_detail_context(manager=request.user, user=managed)
    return render(request, "user_management/user_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def user_edit(request, pk):
    _require_manager(request.user)
    managed = permissions.get_user_for_manager(request.user, pk)
    if not permissions.can_edit_user(request.user, managed):
        raise PermissionDenied
    initial = {
        "role": managed.role,
        "body": managed.body_id,
        "org_unit": managed.org_unit_id,
        "manages_body_users": managed.manages_body_users,
        "person": managed.person_id,
    }
    form = UserEditForm(
        request.POST or None, initial=initial, manager=request.user, current=managed
    )
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_user(acting_user=request.user, user=managed, **form.values())
            messages.success(
                request, _("The changes to “%(user)s” have been saved.") % {"user": managed}
            )
            return redirect("user_management:user_detail", pk=managed.pk)
    detail_url = reverse("user_management:user_detail", args=[managed.pk])
    return form_page(
        request,
        form=form,
        heading=_("Change user “%(user)s”") % {"user": managed},
        submit_label=pgettext("button", "Save"),
        cancel_url=detail_url,
        back_url=detail_url,
        back_label=_("Back to the user"),
    )


def _change_active(request, pk, *, action, done_message):
    _require_manager(request.user)
    managed = permissions.get_user_for_manager(request.user, pk)
    try:
        action(acting_user=request.user, user=managed)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message % {"user": managed})
    return redirect("user_management:user_detail", pk=managed.pk)


@require_POST
@login_required
def user_deactivate(request, pk):
    return _change_active(
        request,
        pk,
        action=actions.deactivate_user,
        done_message=_(
            "“%(user)s” has been deactivated: they can no longer log in and have been logged "
            "out everywhere."
        ),
    )


@require_POST
@login_required
def user_reactivate(request, pk):
    return _change_active(
        request,
        pk,
        action=actions.reactivate_user,
        done_message=_("“%(user)s” can log in again."),
    )


# Invitations ------------------------------------------------------------------------------


@require_GET
@login_required
def invitation_list(request):
    _require_manager(request.user)
    page_obj = Paginator(queries.invitations_for_manager(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "user_management/invitation_list.html",
        {"page_obj": page_obj, "query": _query_without_page(request.GET)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def invitation_create(request):
    _require_manager(request.user)
    form = InvitationForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            invitation = actions.invite_user(
                acting_user=request.user,
                accept_url=_accept_url_builder(request),
                **form.values(),
            )
            messages.success(
                request,
                _("The invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("user_management:invitation_list")
    list_url = reverse("user_management:invitation_list")
    return form_page(
        request,
        form=form,
        heading=_("Invite a user"),
        intro=_(
            "The person gets a mail with a link, valid for %(days)s days, with which they "
            "choose their user name and password."
        )
        % {"days": settings.INVITATION_VALID_DAYS},
        submit_label=_("Send invitation"),
        cancel_url=list_url,
        back_url=list_url,
        back_label=_("Back to the invitations"),
    )


def _change_invitation(request, pk, change, done_message):
    _require_manager(request.user)
    invitation = permissions.get_invitation_for_manager(request.user, pk)
    try:
        change(invitation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message % {"email": invitation.email})
    return redirect("user_management:invitation_list")


@require_POST
@login_required
def invitation_resend(request, pk):
    def resend(invitation):
        actions.resend_invitation(
            acting_user=request.user,
            invitation=invitation,
            accept_url=_accept_url_builder(request),
        )

    return _change_invitation(
        request,
        pk,
        resend,
        _("The invitation has been sent to %(email)s again; the earlier link no longer works."),
    )


@require_POST
@login_required
def invitation_revoke(request, pk):
    def revoke(invitation):
        actions.revoke_invitation(acting_user=request.user, invitation=invitation)

    return _change_invitation(
        request, pk, revoke, _("The invitation to %(email)s has been revoked.")
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    try:
        invitation = queries.usable_invitation(token)
    except ValidationError as error:
        return render(
            request,
            "user_management/invitation_invalid.html",
            {"problem": error.messages[0]},
            status=410 if error.code != "invitation_unknown" else 404,
        )
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            user = actions.accept_invitation(token=token, **form.values())
            messages.success(
                request,
                _("Your account “%(username)s” has been created. Please log in.")
                % {"username": user.username},
            )
            return redirect("login")
    return render(
        request,
        "user_management/invitation_accept.html",
        {"form": form, "invitation": invitation},
    )
