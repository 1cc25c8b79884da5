"""Reads of the notifications app: who is invited, whose calendar shows what, what is due."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from accounts.models import User
from governance.models import ActionItem, AgendaItem, Meeting, Membership
from organisations.models import Function, OrgUnit
from portfolio.models import Initiative

from .models import CalendarFeed, OutgoingMail

# A topic's flag and the function whose holder it concerns (an optional committee member such
# as the equal opportunities officer is invited when an item's topic carries their flag).
TOPIC_FLAG_FUNCTIONS = {
    "touches_personal_data": Function.Kind.DATA_PROTECTION_OFFICER,
    "touches_it_security": Function.Kind.INFORMATION_SECURITY_OFFICER,
    "touches_working_conditions": Function.Kind.STAFF_COUNCIL,
    "touches_equality": Function.Kind.EQUAL_OPPORTUNITIES_OFFICER,
    "touches_accessibility": Function.Kind.DISABILITY_REPRESENTATIVE,
}
# How far back the personal calendar feed reaches.
FEED_HISTORY = datetime.timedelta(days=365)
# Action items due within this many days are reminded of.
DUE_SOON_DAYS = 7
# An overdue item or report is reminded of once per this many days.
OVERDUE_REMINDER_EVERY_DAYS = 7


def _valid_on(day, prefix=""):
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": day})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


# Invitations -----------------------------------------------------------------------------


@dataclass
class Invitee:
    """One recipient of a meeting's invitation and the agenda items they are invited to."""

    person: object
    address: str
    agenda_items: list
    is_member: bool = True
    optional: bool = False
    # For an optional member: the items whose topic concerns them (empty: not known).
    concerning_items: list = field(default_factory=list)

    @property
    def is_guest(self):
        return not self.is_member


@dataclass
class InvitationList:
    invitees: list
    # People who should be invited but have no e-mail address.
    without_email: list


def _concerning_items(person, agenda_items, day):
    """The agenda items whose topic concerns one of `person`'s functions; None if the person
    holds none of the functions topics can concern (then we cannot tell and invite them)."""
    kinds = {
        function.kind
        for function in person.functions.all()
        if (function.start_date is None or function.start_date <= day)
        and (function.end_date is None or function.end_date >= day)
    }
    flags = [flag for flag, kind in TOPIC_FLAG_FUNCTIONS.items() if kind in kinds]
    if not flags:
        return None
    return [
        item
        for item in agenda_items
        if item.topic_id and any(getattr(item.topic, flag) for flag in flags)
    ]


def invitation_list(meeting):
    """Who is invited to `meeting`: the committee's members on the meeting's day (optional
    members when a topic concerns them), and each item's guests with their items."""
    day = timezone.localdate(meeting.start)
    agenda_items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("topic")
        .prefetch_related("guests")
        .order_by("position", "pk")
    )
    memberships = (
        Membership.objects.filter(organization_id=meeting.organization_id)
        .filter(_valid_on(day))
        .select_related("person")
        .prefetch_related("person__functions")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    invitees, without_email, seen_people = {}, [], set()

    def add(person, invitee):
        if person.pk in seen_people:
            return
        seen_people.add(person.pk)
        if not person.email:
            without_email.append(person)
            return
        invitees.setdefault(person.email.strip().lower(), invitee)

    for membership in memberships:
        person = membership.person
        if membership.is_optional:
            concerning = _concerning_items(person, agenda_items, day)
            if concerning == []:
                continue
            invitee = Invitee(
                person=person,
                address=person.email.strip(),
                agenda_items=agenda_items,
                optional=True,
                concerning_items=concerning or [],
            )
        else:
            invitee = Invitee(
                person=person, address=person.email.strip(), agenda_items=agenda_items
            )
        add(person, invitee)

    guest_items = {}
    for item in agenda_items:
        for person in item.guests.all():
            guest_items.setdefault(person.pk, (person, []))[1].append(item)
    for person, items in guest_items.values():
        add(
            person,
            Invitee(
                person=person, address=person.email.strip(), agenda_items=items, is_member=False
            ),
        )
    return InvitationList(invitees=list(invitees.values()), without_email=without_email)


# Personal calendar feed --------------------------------------------------------------------


def calendar_feed_for_user(user):
    """The user's feed, or None if they have not created one yet."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(token):
    """The feed of an active user with this token, or None."""
    return (
        CalendarFeed.objects.select_related("user__person")
        .filter(token=token, user__is_active=True)
        .first()
    )


def calendar_feed_entries(token):
    """The entries of the feed with this token of an active user, or None: no such feed."""
    feed = calendar_feed_by_token(token)
    return None if feed is None else feed_entries(feed.user.person)


def feed_entries(person, *, now=None):
    """(meeting, agenda items the person sees) for the person's meetings, in constant queries.

    Meetings of committees the person was a member of on the meeting's day (all items), and
    meetings where the person is a guest of an item (only those items).
    """
    if person is None:
        return []
    now = now or timezone.now()
    membership = Membership.objects.filter(
        organization_id=OuterRef("organization_id"), person=person
    ).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("start__date")),
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start__date")),
    )
    guest_of = AgendaItem.guests.through.objects.filter(
        agendaitem__meeting_id=OuterRef("pk"), person=person
    )
    meetings = (
        Meeting.objects.filter(start__gte=now - FEED_HISTORY)
        .annotate(is_member=Exists(membership), is_guest=Exists(guest_of))
        .filter(Q(is_member=True) | Q(is_guest=True))
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position", "pk"),
            )
        )
        .order_by("start", "pk")
    )
    guest_item_ids = set(
        AgendaItem.guests.through.objects.filter(
            person=person, agendaitem__meeting__start__gte=now - FEED_HISTORY
        ).values_list("agendaitem_id", flat=True)
    )
    entries = []
    for meeting in meetings:
        items = list(meeting.agenda_items.all())
        if not meeting.is_member:
            items = [item for item in items if item.pk in guest_item_ids]
        entries.append((meeting, items))
    return entries


# Reminders ---------------------------------------------------------------------------------


def _bucket(today, due_date):
    """Overdue reminders repeat every OVERDUE_REMINDER_EVERY_DAYS days, not on every run."""
    return (today - due_date).days // OVERDUE_REMINDER_EVERY_DAYS


def action_item_reminder_key(item, today):
    if item.due_date < today:
        return (
            f"reminder:action-item:{item.pk}:overdue:{item.due_date.isoformat()}"
            f":{_bucket(today, item.due_date)}"
        )
    return f"reminder:action-item:{item.pk}:due:{item.due_date.isoformat()}"


def status_report_reminder_key(initiative, today):
    due = initiative.next_report_due
    return f"reminder:status-report:{initiative.pk}:{due.isoformat()}:{_bucket(today, due)}"


def action_items_to_remind(today):
    """Open action items due within DUE_SOON_DAYS days or overdue."""
    return list(
        ActionItem.objects.filter(
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("owner_person", "owner_unit", "meeting__organization")
        .order_by("due_date", "pk")
    )


def initiatives_with_overdue_report(today):
    return list(
        Initiative.objects.filter(
            status=Initiative.Status.IN_PROGRESS, next_report_due__lt=today
        ).order_by("next_report_due", "pk")
    )


def _user_addresses(users):
    return [user.email for user in users if user.email]


def staff_unit_addresses():
    users = User.objects.filter(is_active=True, role=User.Role.STAFF_UNIT).exclude(email="")
    return _user_addresses(users.order_by("pk"))


def unit_contact_addresses(unit_ids, today):
    """{unit id: addresses} of the units' heads (Function HEAD_OF_UNIT held today), falling
    back to the unit's active users."""
    heads = (
        Function.objects.filter(
            org_unit_id__in=unit_ids, kind=Function.Kind.HEAD_OF_UNIT, person__isnull=False
        )
        .filter(_valid_on(today))
        .exclude(person__email="")
        .select_related("person")
        .order_by("pk")
    )
    addresses = {}
    for function in heads:
        addresses.setdefault(function.org_unit_id, []).append(function.person.email)
    missing = set(unit_ids) - set(addresses)
    if missing:
        users = (
            User.objects.filter(org_unit_id__in=missing, is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
        for user in users:
            addresses.setdefault(user.org_unit_id, []).append(user.email)
    return addresses


def initiative_editor_addresses(initiatives):
    """{initiative id: addresses} of the users who may edit it: unit editors of its owner unit
    or a unit above it, municipality editors of its owner body."""
    parents = dict(OrgUnit.objects.values_list("id", "parent_id"))
    editors = User.objects.filter(
        is_active=True,
        role__in=[User.Role.UNIT_EDITOR, User.Role.MUNICIPALITY_EDITOR],
    ).exclude(email="")
    by_unit, by_body = {}, {}
    for user in editors.order_by("pk"):
        if user.role == User.Role.UNIT_EDITOR:
            by_unit.setdefault(user.org_unit_id, []).append(user.email)
        else:
            by_body.setdefault(user.body_id, []).append(user.email)
    result = {}
    for initiative in initiatives:
        addresses = list(by_body.get(initiative.owner_body_id, []))
        unit_id, visited = initiative.owner_unit_id, set()
        while unit_id is not None and unit_id not in visited:
            visited.add(unit_id)
            addresses += by_unit.get(unit_id, [])
            unit_id = parents.get(unit_id)
        result[initiative.pk] = list(dict.fromkeys(addresses))
    return result


# Outbox --------------------------------------------------------------------------------------


def undelivered_mails():
    """Mails not yet accepted by the mail server, failed ones first, oldest first."""
    return OutgoingMail.objects.filter(
        state__in=[OutgoingMail.State.PENDING, OutgoingMail.State.FAILED]
    ).order_by("state", "created_at", "pk")
