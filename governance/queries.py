"""Reads of the committees' work for its pages; each runs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.queries import audit_entries_for
from organisations.models import Person
from topics.models import Topic

from .models import ActionItem, AgendaItem, Attendance, Decision, Meeting, Membership
from .permissions import (
    FULL,
    can_manage,
    current_membership_filter,
    guest_item_ids,
    member_organization_ids,
    visible_organizations,
)

OPEN_STATUSES = (ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS)


# Committees --------------------------------------------------------------------------------


def organization_list(user, *, today=None):
    """The committees `user` may read, each with its number of current members and next meeting."""
    today = today or timezone.localdate()
    now = timezone.now()
    next_meeting = (
        Meeting.objects.filter(organization=OuterRef("pk"), start__gte=now)
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("start")
    )
    return (
        visible_organizations(user)
        .select_related("body")
        .annotate(
            member_count=Count(
                "memberships",
                filter=current_membership_filter(today, prefix="memberships__"),
                distinct=True,
            ),
            next_meeting_start=Subquery(next_meeting.values("start")[:1]),
        )
        .order_by("body__name", "name", "pk")
    )


def organization_list_page(user):
    """The committees page: the committees `user` may read and the items of coming meetings
    to which the user is invited as a guest."""
    return {"organizations": organization_list(user), "guest_items": guest_items_of(user)}


def membership_of(organization, pk):
    """The membership `pk` of `organization`, with its person; 404 if it is not one of them."""
    return get_object_or_404(
        Membership.objects.select_related("person"), pk=pk, organization=organization
    )


def guest_items_of(user, *, today=None):
    """The agenda items of coming meetings to which the user's person is invited as a guest."""
    if user.person_id is None:
        return []
    today = today or timezone.localdate()
    return list(
        AgendaItem.objects.filter(guests__id=user.person_id, meeting__start__date__gte=today)
        .select_related("meeting", "meeting__organization")
        .order_by("meeting__start", "position")
    )


def _memberships(organization):
    """Current and open-ended seats first, the chair first among them."""
    role_order = Case(
        *(When(role=role, then=Value(index)) for index, role in enumerate(Membership.Role.values)),
        default=Value(len(Membership.Role.values)),
    )
    return (
        organization.memberships.select_related("person")
        .annotate(role_order=role_order)
        .order_by(
            F("end_date").desc(nulls_first=True),
            "role_order",
            "person__family_name",
            "person__given_name",
            "pk",
        )
    )


def organization_detail_context(*, user, organization, today=None):
    today = today or timezone.localdate()
    memberships = list(_memberships(organization))
    for membership in memberships:
        membership.is_current = (
            membership.start_date is None or membership.start_date <= today
        ) and (membership.end_date is None or membership.end_date >= today)
    meetings = list(
        organization.meetings.order_by("-start", "-pk").annotate(item_count=Count("agenda_items"))[
            :5
        ]
    )
    return {
        "organization": organization,
        "memberships": memberships,
        "recent_meetings": meetings,
        "can_manage": can_manage(user),
        "audit_entries": audit_entries_for(organization) if can_manage(user) else [],
    }


def meeting_list(organization):
    return (
        organization.meetings.annotate(
            item_count=Count("agenda_items", distinct=True),
            decision_count=Count("agenda_items__decision", distinct=True),
        )
        .select_related("minutes_approved_in")
        .order_by("-start", "-pk")
    )


# Meetings ----------------------------------------------------------------------------------


def action_items_queryset(today):
    """Action items with their owners and an `is_overdue` flag as of `today`."""
    return (
        ActionItem.objects.select_related("owner_person", "owner_unit")
        .annotate(
            is_overdue=Case(
                When(status__in=OPEN_STATUSES, due_date__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("due_date", "pk")
    )


def agenda_queryset(meeting, today):
    """A meeting's agenda items with everything the meeting pages and the minutes show."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("topic", "decision", "decision__initiative")
        .prefetch_related(
            Prefetch("guests", queryset=Person.objects.order_by("family_name", "given_name")),
            Prefetch("decision__action_items", queryset=action_items_queryset(today)),
        )
        .order_by("position", "pk")
    )


@dataclass
class ExpectedAttendee:
    person: object
    role: str
    status: str


def expected_attendees(meeting):
    """The members on the meeting's day and the items' guests, each once, with their
    recorded attendance ("" if none yet)."""
    day = timezone.localdate(meeting.start)
    recorded = {a.person_id: a.status for a in Attendance.objects.filter(meeting=meeting)}
    people = {}
    for membership in (
        Membership.objects.filter(current_membership_filter(day), organization=meeting.organization)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    ):
        people.setdefault(
            membership.person_id,
            ExpectedAttendee(
                membership.person,
                membership.get_role_display(),
                recorded.get(membership.person_id, ""),
            ),
        )
    others = (
        Person.objects.filter(
            Q(guest_agenda_items__meeting=meeting) | Q(attendances__meeting=meeting)
        )
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )
    for person in others:
        people.setdefault(
            person.pk, ExpectedAttendee(person, _("Guest"), recorded.get(person.pk, ""))
        )
    return list(people.values())


def meeting_detail_context(*, user, meeting, today=None):
    """What the meeting's page shows: everything for members, only their items for guests."""
    today = today or timezone.localdate()
    items = list(agenda_queryset(meeting, today))
    full = meeting.access == FULL
    if not full:
        allowed = guest_item_ids(user, meeting)
        items = [item for item in items if item.pk in allowed]
    context = {
        "meeting": meeting,
        "organization": meeting.organization,
        "items": items,
        "is_guest": not full,
        "today": today,
        "can_manage": can_manage(user),
    }
    if full:
        context |= {
            "attendances": list(
                Attendance.objects.filter(meeting=meeting)
                .select_related("person")
                .order_by("person__family_name", "person__given_name", "pk")
            ),
            "action_items": list(
                action_items_queryset(today)
                .filter(meeting=meeting)
                .select_related("decision__agenda_item")
            ),
            "later_meetings": list(
                Meeting.objects.filter(organization=meeting.organization, start__gt=meeting.start)
                .exclude(state=Meeting.State.CANCELLED)
                .order_by("start")
            )
            if context["can_manage"]
            else [],
            "audit_entries": audit_entries_for(meeting) if context["can_manage"] else [],
        }
        context["has_begun"] = timezone.localdate(meeting.start) <= today
        if context["can_manage"]:
            context["next_step"] = meeting_next_step(
                meeting, today=today, later_meetings=context["later_meetings"]
            )
    return context


def meeting_next_step(meeting, *, today, later_meetings):
    """What the staff unit does next with `meeting`, as the page offers it first.

    "invite" before the meeting while no invitation went out, "mark_held" once its day has
    come, "approve_minutes" once held (in a later meeting of the committee), "plan_next" when
    there is no later meeting to approve them in; "" when nothing is left to do.
    """
    if meeting.state == Meeting.State.CANCELLED:
        return ""
    if meeting.state != Meeting.State.HELD:
        if timezone.localdate(meeting.start) <= today:
            return "mark_held"
        return "" if meeting.invitations_sent_at else "invite"
    if meeting.minutes_approved_in_id:
        return ""
    return "approve_minutes" if later_meetings else "plan_next"


def agenda_item_with_details(item, *, today=None):
    """`item` (already checked readable) with its guests, decision and action items loaded."""
    today = today or timezone.localdate()
    loaded = agenda_queryset(item.meeting, today).get(pk=item.pk)
    loaded.meeting = item.meeting
    return loaded


def ready_topics(meeting):
    """Topics ready for decision that are not on this meeting's agenda yet."""
    return (
        Topic.objects.filter(status=Topic.Status.READY_FOR_DECISION)
        .exclude(agenda_items__meeting=meeting)
        .select_related("submitting_body")
        .order_by("submitted_at", "pk")
    )


# Decision register (Beschlusscontrolling) --------------------------------------------------


def _overdue_action_items(today):
    return ActionItem.objects.filter(
        decision=OuterRef("pk"), status__in=OPEN_STATUSES, due_date__lt=today
    )


def decision_register(
    user, *, organization=None, date_from=None, date_to=None, owner_unit=None, today=None
):
    """Every decision `user` may read with its action items and linked initiative.

    Decisions with overdue action items (past due, neither done nor cancelled) come first, then
    the newest. Filters: committee, period of the decision (from/to), and a unit that owns one
    of its action items or its initiative.
    """
    today = today or timezone.localdate()
    decisions = Decision.objects.all()
    if not can_manage(user):
        decisions = decisions.filter(
            agenda_item__meeting__organization_id__in=member_organization_ids(user)
        )
    if organization is not None:
        decisions = decisions.filter(agenda_item__meeting__organization=organization)
    if date_from is not None:
        decisions = decisions.filter(decided_on__gte=date_from)
    if date_to is not None:
        decisions = decisions.filter(decided_on__lte=date_to)
    if owner_unit is not None:
        decisions = decisions.filter(
            Exists(ActionItem.objects.filter(decision=OuterRef("pk"), owner_unit=owner_unit))
            | Q(initiative__owner_unit=owner_unit)
        )
    return (
        decisions.annotate(has_overdue=Exists(_overdue_action_items(today)))
        .select_related(
            "agenda_item",
            "agenda_item__topic",
            "agenda_item__meeting",
            "agenda_item__meeting__organization",
            "initiative",
            "initiative__owner_body",
            "initiative__owner_unit",
        )
        .prefetch_related(Prefetch("action_items", queryset=action_items_queryset(today)))
        .order_by("-has_overdue", "-decided_on", "-pk")
    )


def action_items_visible_to(user):
    """The action items `user` may read: all for the staff unit, else those of the user's
    committees (the same rule as the decision register)."""
    items = ActionItem.objects.all()
    if not can_manage(user):
        items = items.filter(meeting__organization_id__in=member_organization_ids(user))
    return items


def overdue_action_items(user, *, today):
    """The open action items `user` may read whose due date has passed."""
    return action_items_visible_to(user).filter(status__in=OPEN_STATUSES, due_date__lt=today)


def action_item_list(user, *, today, overdue=False, organization=None, status="", owner_unit=None):
    """The action items `user` may read, filtered, the earliest due first, with their meeting,
    decision and owners."""
    items = action_items_visible_to(user)
    if overdue:
        items = items.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    if organization is not None:
        items = items.filter(meeting__organization=organization)
    if status:
        items = items.filter(status=status)
    if owner_unit is not None:
        items = items.filter(owner_unit=owner_unit)
    return (
        action_items_queryset(today)
        .filter(pk__in=items.values("pk"))
        .select_related("meeting", "meeting__organization", "decision__agenda_item")
    )


def is_overdue(action_item, today):
    return action_item.status in OPEN_STATUSES and action_item.due_date < today
