"""Pages of the committees' work. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get
403 (via governance.permissions); neither changes anything.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartkreis.contributions import page_sections
from smartkreis.forms import action_errors_on
from smartkreis.views import form_flow

from . import actions, queries
from .forms import (
    ActionItemFilterForm,
    ActionItemForm,
    AgendaForm,
    ApproveMinutesForm,
    AttendanceForm,
    DecisionForm,
    DecisionRegisterFilterForm,
    GuestsForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    OrganizationForm,
)
from .models import ActionItem
from .permissions import (
    FULL,
    can_manage,
    can_view_decision_register,
    get_agenda_item_for_user,
    get_meeting_for_user,
    get_organization_for_user,
    visible_organizations,
)

REGISTER_PAGE_SIZE = 25


def _require_manage(user):
    if not can_manage(user):
        raise PermissionDenied


def _meeting_section(meeting, section):
    return f"{meeting.get_absolute_url()}#{section}"


def _show_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


# Committees --------------------------------------------------------------------------------


@require_GET
@login_required
def organization_list(request):
    return render(
        request,
        "governance/organization_list.html",
        {
            **queries.organization_list_page(request.user),
            "can_manage": can_manage(request.user),
            "can_view_register": can_view_decision_register(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def organization_create(request):
    _require_manage(request.user)
    form = OrganizationForm(request.POST or None)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.create_committee(acting_user=request.user, **form.values()),
        saved_message=lambda organization: (
            _("The committee “%(name)s” has been created.") % {"name": organization.name}
        ),
        success_url=lambda organization: organization,
        heading=_("New committee"),
        submit_label=_("Create committee"),
        cancel_url=reverse("governance:organization_list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def organization_edit(request, pk):
    organization = get_organization_for_user(request.user, pk, manage=True)
    form = OrganizationForm(request.POST or None, organization=organization)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_committee(
            acting_user=request.user, organization=organization, **form.values()
        ),
        saved_message=_("Your changes have been saved."),
        success_url=organization,
        heading=_("Edit committee “%(name)s”") % {"name": organization.name},
        submit_label=_("Save changes"),
        cancel_url=organization.get_absolute_url(),
        back_url=organization.get_absolute_url(),
        back_label=str(organization),
    )


@require_GET
@login_required
def organization_detail(request, pk):
    organization = get_organization_for_user(request.user, pk)
    context = queries.organization_detail_context(user=request.user, organization=organization)
    return render(request, "governance/organization_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def membership_create(request, pk):
    organization = get_organization_for_user(request.user, pk, manage=True)
    form = MembershipForm(request.POST or None)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.add_membership(
            acting_user=request.user, organization=organization, **form.values()
        ),
        saved_message=_("The membership has been added."),
        success_url=f"{organization.get_absolute_url()}#members",
        heading=_("Add member to “%(name)s”") % {"name": organization.name},
        submit_label=_("Add member"),
        cancel_url=f"{organization.get_absolute_url()}#members",
        back_url=organization.get_absolute_url(),
        back_label=str(organization),
    )


@require_http_methods(["GET", "POST"])
@login_required
def membership_edit(request, pk, membership_pk):
    organization = get_organization_for_user(request.user, pk, manage=True)
    membership = queries.membership_of(organization, membership_pk)
    form = MembershipForm(request.POST or None, membership=membership)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_membership(
            acting_user=request.user, membership=membership, **form.values()
        ),
        saved_message=_("The membership has been saved."),
        success_url=f"{organization.get_absolute_url()}#members",
        heading=_("Edit membership of %(person)s") % {"person": membership.person},
        submit_label=_("Save changes"),
        cancel_url=f"{organization.get_absolute_url()}#members",
        back_url=organization.get_absolute_url(),
        back_label=str(organization),
    )


# Meetings ----------------------------------------------------------------------------------


@require_GET
@login_required
def meeting_list(request, pk):
    organization = get_organization_for_user(request.user, pk)
    page_obj = Paginator(queries.meeting_list(organization), REGISTER_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/meeting_list.html",
        {
            "organization": organization,
            "page_obj": page_obj,
            "query": "",
            "can_manage": can_manage(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request, pk):
    organization = get_organization_for_user(request.user, pk, manage=True)
    form = MeetingForm(request.POST or None)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.plan_meeting(
            acting_user=request.user, organization=organization, **form.values()
        ),
        saved_message=_("The meeting has been planned."),
        success_url=lambda meeting: meeting,
        heading=_("Plan a meeting of “%(name)s”") % {"name": organization.name},
        submit_label=_("Plan meeting"),
        cancel_url=reverse("governance:meeting_list", args=[organization.pk]),
        back_url=organization.get_absolute_url(),
        back_label=str(organization),
    )


@require_GET
@login_required
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    context = queries.meeting_detail_context(user=request.user, meeting=meeting)
    return render(request, "governance/meeting_detail.html", context)


@require_GET
@login_required
def meeting_minutes(request, pk):
    """The minutes (Niederschrift) of the whole meeting: for members and the staff unit."""
    meeting = get_meeting_for_user(request.user, pk)
    if meeting.access != FULL:
        raise PermissionDenied
    context = queries.meeting_detail_context(user=request.user, meeting=meeting)
    context["document_sections"] = page_sections("minutes_document_sections", meeting=meeting)
    return render(request, "governance/meeting_minutes.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = MeetingForm(request.POST or None, meeting=meeting)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_meeting(
            acting_user=request.user,
            meeting=meeting,
            expected_version=form.expected_version,
            **form.values(),
        ),
        saved_message=_("Your changes have been saved."),
        success_url=meeting,
        heading=_("Edit meeting of %(date)s")
        % {"date": timezone.localtime(meeting.start).strftime("%d.%m.%Y")},
        submit_label=_("Save changes"),
        cancel_url=meeting.get_absolute_url(),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


@require_POST
@login_required
def meeting_held(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    try:
        actions.mark_meeting_held(acting_user=request.user, meeting=meeting)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The meeting has been marked as held."))
    return redirect(meeting)


@require_POST
@login_required
def meeting_cancel(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    try:
        actions.cancel_meeting(acting_user=request.user, meeting=meeting)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The meeting has been cancelled."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
@login_required
def minutes_approve(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = ApproveMinutesForm(request.POST or None, meeting=meeting)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.approve_minutes(
            acting_user=request.user,
            meeting=meeting,
            in_meeting=form.cleaned_data["in_meeting"],
        ),
        saved_message=_("The approval of the minutes has been recorded."),
        success_url=meeting,
        heading=_("Record the approval of the minutes"),
        submit_label=_("Record approval"),
        cancel_url=meeting.get_absolute_url(),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


@require_http_methods(["GET", "POST"])
@login_required
def attendance_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = AttendanceForm(request.POST or None, attendees=queries.expected_attendees(meeting))
    return form_flow(
        request,
        form=form,
        save=lambda: actions.record_attendance(
            acting_user=request.user, meeting=meeting, statuses=form.statuses()
        ),
        saved_message=_("The attendance has been recorded."),
        success_url=_meeting_section(meeting, "attendance"),
        heading=_("Record attendance"),
        submit_label=_("Save attendance"),
        cancel_url=_meeting_section(meeting, "attendance"),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
        intro=_("The committee's members on the day of the meeting and the items' guests."),
    )


# Agenda ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def agenda_edit(request, pk):
    """The agenda builder: the current items (move, remove) and a form to add items."""
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    items = list(meeting.agenda_items.select_related("topic").order_by("position", "pk"))
    form = AgendaForm(
        request.POST or None,
        topics=queries.ready_topics(meeting),
        existing_kinds={item.kind for item in items},
    )
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            added = actions.build_agenda(acting_user=request.user, meeting=meeting, **form.values())
            messages.success(
                request,
                ngettext(
                    "%(count)s item has been added to the agenda.",
                    "%(count)s items have been added to the agenda.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect("governance:agenda_edit", pk=meeting.pk)
    return render(
        request,
        "governance/agenda_edit.html",
        {"meeting": meeting, "items": items, "form": form},
    )


@require_POST
@login_required
def agenda_item_move(request, pk, item_pk):
    item = get_agenda_item_for_user(request.user, pk, item_pk, manage=True)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        actions.move_agenda_item(acting_user=request.user, item=item, offset=offset)
    except ValidationError as error:
        _show_errors(request, error)
    return redirect(f"{reverse('governance:agenda_edit', args=[pk])}#agenda")


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_remove(request, pk, item_pk):
    item = get_agenda_item_for_user(request.user, pk, item_pk, manage=True)
    # A confirmation: a form without fields, so that a refusal shows like any form error
    # (bound on every POST: its data may be empty).
    form = forms.Form(request.POST if request.method == "POST" else None)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.remove_agenda_item(acting_user=request.user, item=item),
        saved_message=_("The item “%(title)s” has been removed.") % {"title": item.title},
        success_url=reverse("governance:agenda_edit", args=[pk]),
        heading=_("Remove item “%(title)s” from the agenda?") % {"title": item.title},
        intro=_("The following items move up. The change is recorded in the history."),
        submit_label=_("Remove item"),
        cancel_url=reverse("governance:agenda_edit", args=[pk]),
        back_url=item.meeting.get_absolute_url(),
        back_label=str(item.meeting),
    )


@require_GET
@login_required
def agenda_item_detail(request, pk, item_pk):
    item = get_agenda_item_for_user(request.user, pk, item_pk)
    item = queries.agenda_item_with_details(item)
    manage = can_manage(request.user)
    return render(
        request,
        "governance/agenda_item_detail.html",
        {
            "meeting": item.meeting,
            "item": item,
            "can_manage": manage,
            "decision_refusal": actions.decision_refusal(item, today=timezone.localdate())
            if manage
            else None,
            "is_guest": item.meeting.access != FULL,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_guests(request, pk, item_pk):
    item = get_agenda_item_for_user(request.user, pk, item_pk, manage=True)
    form = GuestsForm(request.POST or None, item=item)
    return _item_form_flow(
        request,
        item,
        form,
        _("Guests for item %(number)s"),
        _("Save guests"),
        save=lambda: actions.set_item_guests(
            acting_user=request.user, item=item, guests=form.cleaned_data["guests"]
        ),
        saved_message=_("The guests have been saved."),
    )


def _item_form_flow(request, item, form, heading, submit_label, intro="", **flow):
    """The form page of an agenda item's part (guests, minutes, decision): both ways lead
    back to the item. `flow` are form_flow's save and saved_message."""
    return form_flow(
        request,
        form=form,
        success_url=reverse("governance:agenda_item_detail", args=[item.meeting.pk, item.pk]),
        **flow,
        heading=heading % {"number": item.number},
        submit_label=submit_label,
        cancel_url=reverse("governance:agenda_item_detail", args=[item.meeting.pk, item.pk]),
        back_url=item.meeting.get_absolute_url(),
        back_label=str(item.meeting),
        intro=intro or item.title,
    )


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_minutes(request, pk, item_pk):
    item = get_agenda_item_for_user(request.user, pk, item_pk, manage=True)
    form = MinutesForm(request.POST or None, initial={"minutes": item.minutes})
    return _item_form_flow(
        request,
        item,
        form,
        _("Minutes of item %(number)s"),
        _("Save minutes"),
        save=lambda: actions.write_minutes(
            acting_user=request.user, item=item, minutes=form.cleaned_data["minutes"]
        ),
        saved_message=_("The minutes have been saved."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_create(request, pk, item_pk):
    item = get_agenda_item_for_user(request.user, pk, item_pk, manage=True)
    form = DecisionForm(request.POST or None)
    intro = item.title
    if item.topic_id:
        intro = _(
            "%(title)s – an approval creates the initiative in the register, with the priority "
            "chosen here."
        ) % {"title": item.title}
    return _item_form_flow(
        request,
        item,
        form,
        _("Decision on item %(number)s"),
        _("Record decision"),
        intro,
        save=lambda: actions.record_decision(acting_user=request.user, item=item, **form.values()),
        saved_message=_decision_recorded,
    )


def _decision_recorded(decision):
    if decision.initiative_id:
        return _(
            "The decision has been recorded; the initiative “%(title)s” has been created in the "
            "register."
        ) % {"title": decision.initiative.title}
    return _("The decision has been recorded.")


# Action items ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def action_item_create(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = ActionItemForm(request.POST or None, meeting=meeting)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.add_action_item(
            acting_user=request.user, meeting=meeting, **form.values()
        ),
        saved_message=_("The action item has been added."),
        success_url=_meeting_section(meeting, "action-items"),
        heading=_("Add action item"),
        submit_label=_("Add action item"),
        cancel_url=_meeting_section(meeting, "action-items"),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_item_edit(request, pk, action_item_pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    action_item = get_object_or_404(ActionItem, pk=action_item_pk, meeting=meeting)
    form = ActionItemForm(request.POST or None, meeting=meeting, action_item=action_item)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_action_item(
            acting_user=request.user,
            action_item=action_item,
            expected_version=form.expected_version,
            **form.values(),
        ),
        saved_message=_("The action item has been saved."),
        success_url=_meeting_section(meeting, "action-items"),
        heading=_("Edit action item “%(title)s”") % {"title": action_item.title},
        submit_label=_("Save changes"),
        cancel_url=_meeting_section(meeting, "action-items"),
        back_url=meeting.get_absolute_url(),
        back_label=str(meeting),
    )


# Decision register -------------------------------------------------------------------------


def _committee_work_list(request, *, form_class, query, template_name):
    """A filtered, paginated list of the committees' work (decisions, action items)."""
    if not can_view_decision_register(request.user):
        raise PermissionDenied
    form = form_class(request.GET or None, organizations=visible_organizations(request.user))
    today = timezone.localdate()
    rows = query(request.user, today=today, **form.filters())
    page_obj = Paginator(rows, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        template_name,
        {"form": form, "page_obj": page_obj, "query": params.urlencode(), "today": today},
    )


@require_GET
@login_required
def decision_register(request):
    return _committee_work_list(
        request,
        form_class=DecisionRegisterFilterForm,
        query=queries.decision_register,
        template_name="governance/decision_register.html",
    )


@require_GET
@login_required
def action_item_list(request):
    """Every action item the user may read (Auftragsliste), filterable, e.g. the overdue."""
    return _committee_work_list(
        request,
        form_class=ActionItemFilterForm,
        query=queries.action_item_list,
        template_name="governance/action_item_list.html",
    )
