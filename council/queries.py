"""Reading the council decisions: the register, a decision's links, the open decisions."""

from django.db.models import BooleanField, Case, F, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from audit.queries import audit_entries_for
from governance.models import ActionItem
from governance.permissions import meeting_access
from papers.models import Consultation
from portfolio.models import Initiative
from portfolio.permissions import visible_initiatives_filter

from .actions import OPEN_STATES
from .models import CouncilDecision
from .permissions import can_view_action_items, visible_decisions_filter


def _annotated(queryset, today):
    return queryset.annotate(
        is_open=Case(
            When(state__in=OPEN_STATES, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_overdue=Case(
            When(state__in=OPEN_STATES, deadline__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def decisions_visible_to(user):
    return CouncilDecision.objects.filter(visible_decisions_filter(user))


def decision_register(
    user,
    *,
    organization=None,
    state=None,
    owner_unit=None,
    date_from=None,
    date_to=None,
    today=None,
):
    """The council decisions `user` may read: overdue first, then open ones by deadline, then
    the rest, newest first. Filters: committee, implementation state, responsible unit, period
    of the decision."""
    today = today or timezone.localdate()
    decisions = decisions_visible_to(user)
    if organization is not None:
        decisions = decisions.filter(consultation__organization=organization)
    if state:
        decisions = decisions.filter(state=state)
    if owner_unit is not None:
        decisions = decisions.filter(owner_unit=owner_unit)
    if date_from is not None:
        decisions = decisions.filter(decided_on__gte=date_from)
    if date_to is not None:
        decisions = decisions.filter(decided_on__lte=date_to)
    return (
        _annotated(decisions, today)
        .select_related(
            "consultation",
            "consultation__paper",
            "consultation__organization",
            "consultation__meeting",
            "owner_unit",
            "owner_person",
        )
        .order_by(
            "-is_overdue",
            "-is_open",
            F("deadline").asc(nulls_last=True),
            "-decided_on",
            "-pk",
        )
    )


def open_decisions(user, *, today=None):
    """The decisions not implemented yet (for the information paper), in register order."""
    return decision_register(user, today=today).filter(state__in=OPEN_STATES)


def linked_initiatives(user, decision):
    return list(
        decision.initiatives.filter(visible_initiatives_filter(user))
        .distinct()
        .select_related("owner_body", "owner_unit")
        .order_by("title", "pk")
    )


def linked_action_items(decision):
    return list(
        decision.action_items.select_related(
            "meeting", "meeting__organization", "owner_person", "owner_unit"
        ).order_by("due_date", "pk")
    )


def linkable_initiatives(user, decision):
    return (
        Initiative.objects.filter(visible_initiatives_filter(user))
        .exclude(council_decisions=decision)
        .distinct()
        .order_by("title", "pk")
    )


def linkable_action_items(decision):
    return (
        ActionItem.objects.exclude(council_decisions=decision)
        .select_related("meeting", "meeting__organization")
        .order_by("-due_date", "pk")
    )


def meeting_date(decision):
    """The day the committee met (or was to meet) on the paper."""
    consultation = decision.consultation
    if consultation.meeting_id:
        return timezone.localdate(consultation.meeting.start)
    return consultation.planned_date


def can_open_meeting(user, decision):
    """Whether `user` may open the meeting's page (the committee's members, guests, staff)."""
    meeting = decision.consultation.meeting
    return meeting is not None and meeting_access(user, meeting) is not None


def decisions_for_initiative(user, initiative, *, today=None):
    """The council decisions linked to `initiative` that `user` may read, in register order."""
    return list(
        _annotated(
            decisions_visible_to(user).filter(initiatives=initiative), today or timezone.localdate()
        )
        .select_related(
            "consultation",
            "consultation__paper",
            "consultation__organization",
            "owner_unit",
        )
        .order_by(
            "-is_overdue", "-is_open", F("deadline").asc(nulls_last=True), "-decided_on", "-pk"
        )
    )


def decisions_in_consultations(consultations):
    """consultation pk -> the council decision taken in it, for `consultations` (with their
    paper set, as a paper's consultation sequence has them)."""
    by_pk = {consultation.pk: consultation for consultation in consultations}
    decisions = CouncilDecision.objects.filter(consultation__in=list(by_pk))
    for decision in decisions:
        decision.consultation = by_pk[decision.consultation_id]
    return {decision.consultation_id: decision for decision in decisions}


def owner_text(decision):
    owners = (decision.owner_unit, decision.owner_person)
    return ", ".join(str(owner) for owner in owners if owner is not None)


def is_overdue(decision, today):
    return (
        decision.state in OPEN_STATES
        and decision.deadline is not None
        and (decision.deadline < today)
    )


def decision_page(*, user, decision, today, manage):
    """The council decision's page: its meeting, whether it is overdue, what implements it and,
    for the county's own users, the steering group's action items and the change history (the
    county's internal work); for those who `manage`, what may still be linked."""
    internal = can_view_action_items(user)
    page = {
        "decision": decision,
        "meeting_date": meeting_date(decision),
        "can_open_meeting": can_open_meeting(user, decision),
        "is_overdue": is_overdue(decision, today),
        "initiatives": linked_initiatives(user, decision),
        "show_action_items": internal,
        "action_items": linked_action_items(decision) if internal else [],
        "show_history": internal,
        "entries": audit_entries_for(decision) if internal else [],
        "can_manage": manage,
    }
    if manage:
        page["linkable_initiatives"] = linkable_initiatives(user, decision)
        page["linkable_action_items"] = linkable_action_items(decision)
    return page


def consultation_or_404(pk):
    """The consultation `pk` with its paper and committee, for recording its decision."""
    return get_object_or_404(Consultation.objects.select_related("paper", "organization"), pk=pk)
