"""Who may read and change what of the topic submissions. Every topics view goes through these.

Reading:
- the staff unit and administrators read every topic, and so do the county's users and the
  chair of the steering group;
- users of a municipality (or another body) read the topics their body submitted;
- everyone reads the topics they submitted themselves;
- an officer (data protection, information security, staff council, equal opportunities,
  disability representative) reads the topics that asked for their statement.
Changing:
- any logged-in user with a body submits topics; the submitter may withdraw their own topic
  while it is still only submitted;
- the staff unit (and administrators) prepares topics: facts, status, statements, scores,
  criteria;
- an officer gives the statements of their kind (so does the staff unit, e.g. from a letter);
- only the chair of the steering group (or an administrator) waives a missing statement.

Who chairs the steering group is known to the committees (governance), an app built on the
topics: its agenda items place them. It answers through its AppConfig's
`chairs_steering_group` hook (smartkreis.contributions.app_answers).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organisations.models import Body, Function
from smartkreis.contributions import app_answers

from . import rules
from .models import Statement, Topic


def _is_active(user):
    return user is not None and user.is_authenticated and user.is_active


def _current(today):
    """Q for a period (start_date/end_date, either open) that includes `today`."""
    return (Q(start_date__isnull=True) | Q(start_date__lte=today)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def is_steering_group_chair(user):
    """Does `user`'s person currently chair a steering group? (cached on the user)"""
    if not _is_active(user) or user.person_id is None:
        return False
    cached = getattr(user, "_topics_is_chair", None)
    if cached is None:
        cached = user._topics_is_chair = any(app_answers("chairs_steering_group", user=user))
    return cached


def officer_statement_kinds(user):
    """The statement kinds `user` gives by the functions their person holds now (cached)."""
    if not _is_active(user) or user.person_id is None:
        return frozenset()
    cached = getattr(user, "_topics_officer_kinds", None)
    if cached is None:
        functions = Function.objects.filter(
            _current(timezone.localdate()),
            person_id=user.person_id,
            kind__in=list(rules.STATEMENT_FOR_FUNCTION),
        ).values_list("kind", flat=True)
        cached = user._topics_officer_kinds = frozenset(
            rules.STATEMENT_FOR_FUNCTION[kind] for kind in functions
        )
    return cached


def _reads_all_topics(user):
    return (
        user.is_staff_unit
        or (user.body_id is not None and user.body.kind == Body.Kind.COUNTY)
        or is_steering_group_chair(user)
    )


def visible_topics_filter(user):
    """A Q object selecting the topics `user` may read (raises for anonymous users)."""
    if not _is_active(user):
        raise PermissionDenied
    if _reads_all_topics(user):
        return Q()
    condition = Q(submitted_by_id=user.pk)
    if user.body_id is not None:
        condition |= Q(submitting_body_id=user.body_id)
    kinds = officer_statement_kinds(user)
    if kinds:
        asked = Statement.objects.filter(kind__in=kinds).values("topic_id")
        condition |= Q(pk__in=asked)
    return condition


def visible_topics(user):
    return Topic.objects.filter(visible_topics_filter(user))


def can_view_topic(user, topic):
    if not _is_active(user):
        return False
    if _reads_all_topics(user) or topic.submitted_by_id == user.pk:
        return True
    if user.body_id is not None and topic.submitting_body_id == user.body_id:
        return True
    kinds = officer_statement_kinds(user)
    return bool(kinds) and topic.statements.filter(kind__in=kinds).exists()


def can_submit_topic(user):
    """Any logged-in user who works for a body (the topic is submitted in its name)."""
    return _is_active(user) and (user.body_id is not None or user.is_staff_unit)


def can_manage_topics(user):
    """Prepare topics (facts, status, statements requested, scores) and set the criteria."""
    return _is_active(user) and user.is_staff_unit


def can_see_ranking(user):
    return can_manage_topics(user)


def can_edit_topic(user, topic):
    return can_manage_topics(user) and topic.status in rules.OPEN_STATUSES


def can_change_topic_status(user, topic, new_status):
    """Through change_topic_status: the staff unit along the allowed transitions; the
    submitter withdraws their own topic while it is only submitted."""
    if not _is_active(user) or not rules.is_allowed_transition(topic.status, new_status):
        return False
    if user.is_staff_unit:
        return True
    return (
        topic.submitted_by_id == user.pk
        and topic.status == Topic.Status.SUBMITTED
        and new_status == Topic.Status.WITHDRAWN
    )


def status_choices_for(user, topic):
    """The statuses `user` may move `topic` to, in the order of Topic.Status."""
    return [
        (status, label)
        for status, label in Topic.Status.choices
        if can_change_topic_status(user, topic, status)
    ]


def can_give_statement(user, statement):
    if not _is_active(user):
        return False
    return user.is_staff_unit or statement.kind in officer_statement_kinds(user)


def can_waive_statement(user, statement):
    return _is_active(user) and (user.is_administrator or is_steering_group_chair(user))


def get_topic_for_user(user, pk):
    """The topic, if `user` may read it; else 404 (missing) or 403."""
    topic = get_object_or_404(
        Topic.objects.select_related(
            "submitted_by", "submitting_body", "submitting_unit", "submitting_unit__body"
        ),
        pk=pk,
    )
    if not can_view_topic(user, topic):
        raise PermissionDenied
    return topic
