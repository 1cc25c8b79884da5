"""Who may read and change what of the committees' work. Every governance view goes through these.

- Administrators and the staff unit read and change everything.
- Members of a committee (their person holds a current membership in it) read its meetings,
  agendas, minutes, decisions and action items.
- Guests (a person invited to an agenda item) read only their agenda items of that meeting.
- Everybody else is refused (403); anonymous visitors are sent to the login by the views.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import AgendaItem, Meeting, Membership, Organization

FULL, GUEST = "full", "guest"


def _is_active_user(user):
    return user.is_authenticated and user.is_active


def can_manage(user):
    """Plan meetings, build agendas, write minutes, record decisions and action items."""
    return _is_active_user(user) and user.is_staff_unit


def current_membership_filter(today, prefix=""):
    """A Q selecting memberships valid on `today` (open-ended on either side)."""
    return (
        Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})
    ) & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))


def chairs_a_steering_group(user):
    """Does `user`'s person currently chair a steering group that still exists?"""
    if not _is_active_user(user) or user.person_id is None:
        return False
    today = timezone.localdate()
    return (
        Membership.objects.filter(
            current_membership_filter(today),
            person_id=user.person_id,
            role=Membership.Role.CHAIR,
            organization__kind=Organization.Kind.STEERING_GROUP,
        )
        .filter(Q(organization__end_date__isnull=True) | Q(organization__end_date__gte=today))
        .exists()
    )


def member_organization_ids(user):
    """Ids of the committees the user's person currently sits in (cached on the user)."""
    if not _is_active_user(user) or user.person_id is None:
        return frozenset()
    cached = getattr(user, "_governance_member_of", None)
    if cached is None:
        cached = user._governance_member_of = frozenset(
            Membership.objects.filter(
                current_membership_filter(timezone.localdate()), person_id=user.person_id
            ).values_list("organization_id", flat=True)
        )
    return cached


def can_view_organization(user, organization):
    return can_manage(user) or organization.pk in member_organization_ids(user)


def visible_organizations(user):
    if not _is_active_user(user):
        raise PermissionDenied
    if can_manage(user):
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=member_organization_ids(user))


def guest_item_ids(user, meeting):
    """Ids of the agenda items of `meeting` to which the user's person is invited as a guest."""
    if not _is_active_user(user) or user.person_id is None:
        return frozenset()
    return frozenset(
        AgendaItem.objects.filter(meeting=meeting, guests__id=user.person_id).values_list(
            "id", flat=True
        )
    )


def meeting_access(user, meeting):
    """FULL for the staff unit and the committee's members, GUEST for guests, else None."""
    if can_view_organization(user, meeting.organization):
        return FULL
    if guest_item_ids(user, meeting):
        return GUEST
    return None


def can_view_agenda_item(user, item):
    access = meeting_access(user, item.meeting)
    return access == FULL or (access == GUEST and item.pk in guest_item_ids(user, item.meeting))


def can_view_decision_register(user):
    """The staff unit, and members of a committee (who see its decisions)."""
    return can_manage(user) or bool(member_organization_ids(user))


def get_organization_for_user(user, pk, *, manage=False):
    organization = get_object_or_404(Organization.objects.select_related("body"), pk=pk)
    allowed = can_manage(user) if manage else can_view_organization(user, organization)
    if not allowed:
        raise PermissionDenied
    return organization


def get_meeting_for_user(user, pk, *, manage=False):
    """The meeting with `access` set to FULL or GUEST, if `user` may read (or manage) it."""
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "organization", "organization__body", "minutes_approved_in", "venue"
        ),
        pk=pk,
    )
    access = meeting_access(user, meeting)
    if access is None or (manage and not can_manage(user)):
        raise PermissionDenied
    meeting.access = access
    return meeting


def get_agenda_item_for_user(user, meeting_pk, item_pk, *, manage=False):
    meeting = get_meeting_for_user(user, meeting_pk, manage=manage)
    item = get_object_or_404(
        AgendaItem.objects.select_related("topic"), pk=item_pk, meeting=meeting
    )
    item.meeting = meeting
    if meeting.access == GUEST and item.pk not in guest_item_ids(user, meeting):
        raise PermissionDenied
    return item
