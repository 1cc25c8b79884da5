"""Every change to committees, meetings, agendas, minutes, decisions and action items.

One function each: keyword-only, with the acting user, atomic, writing its audit entries.
Validation failures raise django.core.exceptions.ValidationError keyed by field (nothing is
saved then); an edit based on an outdated version raises one with code "stale".
Sending invitations and reminders is the notifications app's business, not this module's.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from portfolio import actions as portfolio_actions
from portfolio.models import Initiative
from topics import actions as topic_actions
from topics import queries as topic_queries
from topics.models import Topic

from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Membership,
    Organization,
)

ORGANIZATION_FIELDS = ("body", "name", "short_name", "kind", "start_date", "end_date")
MEMBERSHIP_FIELDS = (
    "person",
    "function_title",
    "role",
    "is_optional",
    "start_date",
    "end_date",
)
MEETING_FIELDS = ("name", "start", "end", "location", "venue", "online_url")
ACTION_ITEM_FIELDS = (
    "title",
    "description",
    "owner_person",
    "owner_unit",
    "due_date",
    "status",
    "decision",
)

# The order of the standing items on an agenda: the minutes first, the reports next; the
# topics for decision follow them, the open action items close the agenda.
STANDING_ITEMS_BEFORE_TOPICS = (
    AgendaItem.Kind.MINUTES_APPROVAL,
    AgendaItem.Kind.STAFF_UNIT_REPORT,
    AgendaItem.Kind.PORTFOLIO_STATUS,
)
STANDING_ITEMS_AFTER_TOPICS = (AgendaItem.Kind.OPEN_ACTION_ITEMS,)
STANDING_KINDS = STANDING_ITEMS_BEFORE_TOPICS + STANDING_ITEMS_AFTER_TOPICS


def _stale_error():
    message = _(
        "Someone else has changed this entry since you opened the form. "
        "Reload the page to see the current state, then make your change again."
    )
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="stale")})


def _lock_current(obj, expected_version=None):
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale_error()
    return current


def _check_unknown(values, allowed, what):
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _update_fields(*, acting_user, obj, values, names):
    before = snapshot(obj)
    for name in names:
        if name in values:
            setattr(obj, name, values[name])
    if hasattr(obj, "version"):
        obj.version += 1
    obj.save()
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=obj, before=before)
    return obj


def _validate_period(values, *, start="start_date", end="end_date"):
    first, last = values.get(start), values.get(end)
    if first and last and last < first:
        raise ValidationError({end: _("The end must not be before the start.")})


# Committees and memberships ----------------------------------------------------------------


@transaction.atomic
def create_committee(*, acting_user, **values):
    _check_unknown(values, ORGANIZATION_FIELDS, "committee")
    _validate_period(values)
    if Organization.objects.filter(body=values.get("body"), name=values.get("name")).exists():
        raise ValidationError({"name": _("This body already has a committee of this name.")})
    organization = Organization.objects.create(**values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=organization)
    return organization


@transaction.atomic
def update_committee(*, acting_user, organization, **values):
    _check_unknown(values, ORGANIZATION_FIELDS, "committee")
    current = _lock_current(organization)
    merged = {name: getattr(current, name) for name in ORGANIZATION_FIELDS} | values
    _validate_period(merged)
    clash = Organization.objects.filter(body=merged["body"], name=merged["name"]).exclude(
        pk=current.pk
    )
    if clash.exists():
        raise ValidationError({"name": _("This body already has a committee of this name.")})
    return _update_fields(
        acting_user=acting_user, obj=current, values=values, names=ORGANIZATION_FIELDS
    )


@transaction.atomic
def add_membership(*, acting_user, organization, **values):
    _check_unknown(values, MEMBERSHIP_FIELDS, "membership")
    _validate_period(values)
    membership = Membership.objects.create(organization=organization, **values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=membership)
    return membership


@transaction.atomic
def update_membership(*, acting_user, membership, **values):
    _check_unknown(values, MEMBERSHIP_FIELDS, "membership")
    current = _lock_current(membership)
    merged = {name: getattr(current, name) for name in MEMBERSHIP_FIELDS} | values
    _validate_period(merged)
    return _update_fields(
        acting_user=acting_user, obj=current, values=values, names=MEMBERSHIP_FIELDS
    )


# Meetings ----------------------------------------------------------------------------------


def _validate_meeting(values):
    errors = {}
    start, end = values.get("start"), values.get("end")
    if start and end and end <= start:
        errors["end"] = _("The meeting must end after it begins.")
    if not values.get("location") and not values.get("online_url"):
        errors["location"] = _("Enter a place or an online meeting link.")
    if errors:
        raise ValidationError(errors)


def _refuse_if_closed(meeting, message=None):
    if meeting.state in (Meeting.State.HELD, Meeting.State.CANCELLED):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: message
                or _("The meeting has been held or cancelled; its agenda can no longer change.")
            }
        )


@transaction.atomic
def plan_meeting(*, acting_user, organization, **values):
    """A new meeting of `organization`: when, and where or online."""
    _check_unknown(values, MEETING_FIELDS, "meeting")
    _validate_meeting(values)
    meeting = Meeting.objects.create(organization=organization, **values)
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=meeting)
    return meeting


@transaction.atomic
def update_meeting(*, acting_user, meeting, expected_version=None, **values):
    _check_unknown(values, MEETING_FIELDS, "meeting")
    current = _lock_current(meeting, expected_version)
    if current.state == Meeting.State.CANCELLED:
        raise ValidationError({NON_FIELD_ERRORS: _("A cancelled meeting cannot be changed.")})
    _validate_meeting({name: getattr(current, name) for name in MEETING_FIELDS} | values)
    return _update_fields(acting_user=acting_user, obj=current, values=values, names=MEETING_FIELDS)


@transaction.atomic
def cancel_meeting(*, acting_user, meeting):
    current = _lock_current(meeting)
    if current.state == Meeting.State.HELD:
        raise ValidationError({NON_FIELD_ERRORS: _("A meeting that was held cannot be cancelled.")})
    return _update_fields(
        acting_user=acting_user,
        obj=current,
        values={"state": Meeting.State.CANCELLED},
        names=("state",),
    )


@transaction.atomic
def mark_meeting_held(*, acting_user, meeting, today=None):
    today = today or timezone.localdate()
    current = _lock_current(meeting)
    if current.state == Meeting.State.CANCELLED:
        raise ValidationError({NON_FIELD_ERRORS: _("A cancelled meeting cannot be held.")})
    if current.state == Meeting.State.HELD:
        raise ValidationError({NON_FIELD_ERRORS: _("The meeting is already marked as held.")})
    if timezone.localdate(current.start) > today:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("A meeting can be marked as held from its day on.")}
        )
    return _update_fields(
        acting_user=acting_user, obj=current, values={"state": Meeting.State.HELD}, names=("state",)
    )


@transaction.atomic
def approve_minutes(*, acting_user, meeting, in_meeting):
    """Record that a later meeting of the same committee approved `meeting`'s minutes."""
    current = _lock_current(meeting)
    errors = {}
    if current.state != Meeting.State.HELD:
        errors[NON_FIELD_ERRORS] = _("Only the minutes of a meeting that was held are approved.")
    if current.minutes_approved_in_id is not None:
        errors[NON_FIELD_ERRORS] = _("These minutes have already been approved.")
    if in_meeting.organization_id != current.organization_id:
        errors["in_meeting"] = _("The minutes are approved by a meeting of the same committee.")
    elif in_meeting.start <= current.start:
        errors["in_meeting"] = _("The minutes are approved by a later meeting.")
    elif in_meeting.state == Meeting.State.CANCELLED:
        errors["in_meeting"] = _("A cancelled meeting approves nothing.")
    elif in_meeting.start > timezone.now():
        errors["in_meeting"] = _("The minutes can be approved once that meeting has begun.")
    if errors:
        raise ValidationError(errors)
    return _update_fields(
        acting_user=acting_user,
        obj=current,
        values={"minutes_approved_in": in_meeting},
        names=("minutes_approved_in",),
    )


# Agenda ------------------------------------------------------------------------------------


def _ordered_items(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))


def _renumber(items):
    """Give `items` the positions 1, 2, … and the numbers "1", "2", … in their list order."""
    # Two steps, so the unique (meeting, position) never sees two items on one position.
    offset = max((item.position for item in items), default=0) + len(items) + 1
    for index, item in enumerate(items):
        AgendaItem.objects.filter(pk=item.pk).update(position=offset + index)
    for index, item in enumerate(items, start=1):
        item.position, item.number = index, str(index)
        AgendaItem.objects.filter(pk=item.pk).update(position=index, number=str(index))


def _append_item(*, acting_user, meeting, **values):
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    position = (last or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, number=str(position), **values
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=item)
    return item


def _topic_refusal(topic, meeting):
    if topic.status != Topic.Status.READY_FOR_DECISION:
        return _(
            "The topic “%(title)s” is not ready for decision (status: %(status)s); the staff unit "
            "has to finish preparing it first."
        ) % {"title": topic.title, "status": topic.get_status_display()}
    if AgendaItem.objects.filter(meeting=meeting, topic=topic).exists():
        return _("The topic “%(title)s” is already on this agenda.") % {"title": topic.title}
    return None


@transaction.atomic
def build_agenda(*, acting_user, meeting, topics=(), standing_kinds=(), other_titles=()):
    """Add items at the end of the agenda, in the usual order: the standing items (minutes,
    reports), the topics for decision, further items, the open action items.

    Refuses the whole request, saving nothing, if a topic is not ready for decision or
    already on the agenda.
    """
    current = _lock_current(meeting)
    _refuse_if_closed(current)
    refusals = [message for topic in topics if (message := _topic_refusal(topic, current))]
    unknown = set(standing_kinds) - set(STANDING_KINDS)
    if unknown:
        raise ValidationError({"standing_kinds": _("Unknown standing item.")})
    if refusals:
        raise ValidationError({"topics": refusals})
    existing_kinds = set(AgendaItem.objects.filter(meeting=current).values_list("kind", flat=True))
    added = []

    def standing(kinds):
        for kind in kinds:
            if kind in standing_kinds and kind not in existing_kinds:
                added.append(
                    _append_item(
                        acting_user=acting_user,
                        meeting=current,
                        kind=kind,
                        title=str(AgendaItem.Kind(kind).label),
                    )
                )

    standing(STANDING_ITEMS_BEFORE_TOPICS)
    for topic in topics:
        added.append(
            _append_item(
                acting_user=acting_user,
                meeting=current,
                kind=AgendaItem.Kind.TOPIC,
                title=topic.title,
                topic=topic,
            )
        )
    for title in other_titles:
        if title.strip():
            added.append(
                _append_item(
                    acting_user=acting_user,
                    meeting=current,
                    kind=AgendaItem.Kind.OTHER,
                    title=title.strip(),
                )
            )
    standing(STANDING_ITEMS_AFTER_TOPICS)
    return added


@transaction.atomic
def reorder_agenda(*, acting_user, meeting, item_ids):
    """Put the agenda in the order of `item_ids` (all of the meeting's items, each once)."""
    current = _lock_current(meeting)
    _refuse_if_closed(current)
    items = {item.pk: item for item in _ordered_items(current)}
    if sorted(item_ids) != sorted(items):
        raise ValidationError({NON_FIELD_ERRORS: _("The new order must name every item once.")})
    ordered = [items[pk] for pk in item_ids]
    before = {item.pk: snapshot(item) for item in ordered}
    _renumber(ordered)
    for item in ordered:
        record_change(
            actor=acting_user, action=AuditEntry.Action.UPDATE, obj=item, before=before[item.pk]
        )
    return ordered


@transaction.atomic
def move_agenda_item(*, acting_user, item, offset):
    """Move an item up (offset -1) or down (offset +1) on its agenda."""
    items = _ordered_items(item.meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return items
    items[index], items[target] = items[target], items[index]
    return reorder_agenda(
        acting_user=acting_user, meeting=item.meeting, item_ids=[i.pk for i in items]
    )


@transaction.atomic
def remove_agenda_item(*, acting_user, item):
    meeting = _lock_current(item.meeting)
    _refuse_if_closed(meeting)
    if Decision.objects.filter(agenda_item=item).exists():
        raise ValidationError(
            {NON_FIELD_ERRORS: _("An item with a recorded decision cannot be removed.")}
        )
    record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=item)
    item.delete()
    _renumber(_ordered_items(meeting))


@transaction.atomic
def set_item_guests(*, acting_user, item, guests):
    """The people (other directorates or offices) who join the meeting for this item only."""
    before = snapshot(item)
    item.guests.set(guests)
    record_change(actor=acting_user, action=AuditEntry.Action.UPDATE, obj=item, before=before)
    return item


@transaction.atomic
def write_minutes(*, acting_user, item, minutes):
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if current.meeting.state == Meeting.State.CANCELLED:
        raise ValidationError({NON_FIELD_ERRORS: _("A cancelled meeting has no minutes.")})
    if current.meeting.minutes_approved_in_id is not None:
        raise ValidationError(
            {"minutes": _("The minutes have been approved and can no longer be changed.")}
        )
    return _update_fields(
        acting_user=acting_user, obj=current, values={"minutes": minutes}, names=("minutes",)
    )


# Attendance --------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, acting_user, meeting, statuses):
    """Record who attended: `statuses` maps a Person to an Attendance.Status (or "" to clear)."""
    current = _lock_current(meeting)
    if current.state == Meeting.State.CANCELLED:
        raise ValidationError({NON_FIELD_ERRORS: _("A cancelled meeting has no attendance.")})
    valid = set(Attendance.Status.values)
    if any(status and status not in valid for status in statuses.values()):
        raise ValidationError({NON_FIELD_ERRORS: _("Unknown attendance status.")})
    existing = {a.person_id: a for a in Attendance.objects.filter(meeting=current)}
    for person, status in statuses.items():
        attendance = existing.get(person.pk)
        if attendance is None and status:
            attendance = Attendance.objects.create(meeting=current, person=person, status=status)
            record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=attendance)
        elif attendance is not None and not status:
            record_change(actor=acting_user, action=AuditEntry.Action.DELETE, obj=attendance)
            attendance.delete()
        elif attendance is not None and attendance.status != status:
            _update_fields(
                acting_user=acting_user,
                obj=attendance,
                values={"status": status},
                names=("status",),
            )


# Decisions ---------------------------------------------------------------------------------


def _validate_decision(item, outcome, priority, text, today):
    errors = {}
    if not outcome:
        errors["outcome"] = _("Choose the outcome: approved, rejected or deferred.")
    elif outcome not in Decision.Outcome.values:
        errors["outcome"] = _("Unknown outcome.")
    elif outcome == Decision.Outcome.APPROVED and not priority:
        errors["priority"] = _("An approval needs a priority (A, B or C).")
    if priority and priority not in Decision.Priority.values:
        errors["priority"] = _("Unknown priority.")
    if not (text or "").strip():
        errors["text"] = _("Enter the text of the decision.")
    if refusal := decision_refusal(item, today=today):
        errors[NON_FIELD_ERRORS] = refusal
    if errors:
        raise ValidationError(errors)


def decision_refusal(item, *, today):
    """Why no decision can be recorded on `item` now (a German sentence), or None if one can.

    The agenda item's page asks this too, so it offers "Record decision" only where the
    decision would be taken, and says why not otherwise.
    """
    meeting = item.meeting
    if Decision.objects.filter(agenda_item=item).exists():
        return _("A decision has already been recorded for this item.")
    if item.topic_id is not None and item.topic.status != Topic.Status.READY_FOR_DECISION:
        return _("The topic “%(title)s” is not ready for decision (status: %(status)s).") % {
            "title": item.topic.title,
            "status": item.topic.get_status_display(),
        }
    if meeting.state == Meeting.State.CANCELLED:
        return _("A cancelled meeting decides nothing.")
    if timezone.localdate(meeting.start) > today:
        return _("A decision can be recorded from the day of the meeting on.")
    return None


def _initiative_values(topic, priority):
    unit = topic.submitting_unit
    unit_is_usable = (
        unit is not None and unit.valid_until is None and unit.body_id == topic.submitting_body_id
    )
    description = "\n\n".join(
        part
        for part in (
            f"{_('Problem')}: {topic.problem}" if topic.problem else "",
            f"{_('Proposal')}: {topic.proposal}" if topic.proposal else "",
        )
        if part
    )
    return {
        "title": topic.title[:200],
        "description": description,
        "owner_body": topic.submitting_body,
        "owner_unit": unit if unit_is_usable else None,
        "fields": list(topic.fields.all()),
        "participating_bodies": list(topic.affected_bodies.all()),
        "priority": priority,
        "status": Initiative.Status.PLANNED,
    }


def _create_initiative_for(*, acting_user, topic, priority, today):
    try:
        return portfolio_actions.create_initiative(
            acting_user=acting_user, today=today, **_initiative_values(topic, priority)
        )
    except ValidationError as error:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The initiative for the register could not be created, so the decision "
                    "was not recorded: %(reasons)s"
                )
                % {"reasons": " ".join(error.messages)}
            }
        ) from error


@transaction.atomic
def record_decision(*, acting_user, item, outcome, text, priority="", today=None):
    """Record the committee's decision on an agenda item.

    The decision is dated on the meeting's day and freezes the ranking of the topics as it
    stands. Approving a topic creates its initiative in the register (status planned, with
    the decided priority) and links it; approved or rejected topics count as decided, a
    deferred topic stays ready for a later meeting.
    """
    today = today or timezone.localdate()
    item = AgendaItem.objects.select_related("meeting", "topic").get(pk=item.pk)
    _validate_decision(item, outcome, priority, text, today)
    topic = item.topic
    if outcome != Decision.Outcome.APPROVED:
        priority = ""
    decision = Decision(
        agenda_item=item,
        outcome=outcome,
        priority=priority,
        text=text.strip(),
        decided_on=timezone.localdate(item.meeting.start),
        ranking_snapshot=topic_queries.current_ranking_snapshot(),
        recorded_by=acting_user,
    )
    if topic is not None and outcome == Decision.Outcome.APPROVED:
        decision.initiative = _create_initiative_for(
            acting_user=acting_user, topic=topic, priority=priority, today=decision.decided_on
        )
    decision.save()
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=decision)
    if topic is not None and outcome != Decision.Outcome.DEFERRED:
        # The topic was decided in the meeting, whenever the decision is recorded.
        decided_at = min(item.meeting.start, timezone.now())
        topic_actions.mark_topic_decided(acting_user=acting_user, topic=topic, now=decided_at)
    return decision


# Action items ------------------------------------------------------------------------------


def _validate_action_item(values, *, meeting, today, due_date_changed):
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("Describe the task.")
    if values.get("owner_person") is None and values.get("owner_unit") is None:
        errors["owner_person"] = _("Name a responsible person or unit.")
    due = values.get("due_date")
    if due is None:
        errors["due_date"] = _("Enter the due date.")
    elif due_date_changed and due < today:
        errors["due_date"] = _("The due date must not be in the past.")
    if values.get("status") and values["status"] not in ActionItem.Status.values:
        errors["status"] = _("Unknown status.")
    decision = values.get("decision")
    if decision is not None and decision.agenda_item.meeting_id != meeting.pk:
        errors["decision"] = _("The decision belongs to another meeting.")
    if errors:
        raise ValidationError(errors)


def _done_on(status, previous_done_on, today):
    if status == ActionItem.Status.DONE:
        return previous_done_on or today
    return None


@transaction.atomic
def add_action_item(*, acting_user, meeting, today=None, **values):
    """A task from `meeting`: an owner (person or unit) and a due date not in the past."""
    _check_unknown(values, ACTION_ITEM_FIELDS, "action item")
    today = today or timezone.localdate()
    current = _lock_current(meeting)
    if current.state == Meeting.State.CANCELLED:
        raise ValidationError({NON_FIELD_ERRORS: _("A cancelled meeting assigns no tasks.")})
    _validate_action_item(values, meeting=current, today=today, due_date_changed=True)
    values.setdefault("status", ActionItem.Status.OPEN)
    item = ActionItem.objects.create(
        meeting=current, done_on=_done_on(values["status"], None, today), **values
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=item)
    return item


@transaction.atomic
def update_action_item(*, acting_user, action_item, expected_version=None, today=None, **values):
    """Change an action item; setting it done records today as its day of completion."""
    _check_unknown(values, ACTION_ITEM_FIELDS, "action item")
    today = today or timezone.localdate()
    current = _lock_current(action_item, expected_version)
    merged = {name: getattr(current, name) for name in ACTION_ITEM_FIELDS} | values
    _validate_action_item(
        merged,
        meeting=current.meeting,
        today=today,
        due_date_changed=merged["due_date"] != current.due_date,
    )
    values["done_on"] = _done_on(merged["status"], current.done_on, today)
    return _update_fields(
        acting_user=acting_user,
        obj=current,
        values=values,
        names=(*ACTION_ITEM_FIELDS, "done_on"),
    )
