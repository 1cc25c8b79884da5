"""Reads of the topic submissions for their pages and for governance; fixed query counts."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.db.models.query import prefetch_related_objects

from audit.queries import audit_entries_for
from organisations.models import Body, OrgUnit
from strategy.models import FieldOfAction

from . import permissions, rules
from .filters import TopicFilter
from .models import PriorityCriterion, Statement, Topic, TopicScore

_KIND_ORDER = {kind: index for index, kind in enumerate(Statement.Kind.values)}


def _fields_prefetch():
    return Prefetch("fields", queryset=FieldOfAction.objects.order_by("position", "name"))


def active_criteria():
    return list(PriorityCriterion.objects.filter(is_active=True).order_by("position", "name"))


def all_criteria():
    return list(PriorityCriterion.objects.order_by("position", "name"))


def topic_list_queryset(user, filters):
    """The topics `user` may read, filtered as `filters` (a QueryDict) asks, newest first.

    Returns (filterset, queryset).
    """
    filterset = TopicFilter(filters, queryset=permissions.visible_topics(user))
    queryset = (
        filterset.qs.select_related("submitting_body", "submitting_unit", "submitted_by")
        .prefetch_related(_fields_prefetch())
        .order_by("-submitted_at", "-id")
    )
    return filterset, queryset


# Ranking ------------------------------------------------------------------------------------


def current_ranking(*, criteria=None):
    """The topics in preparation or ready for decision, ranked (see rules.rank_topics).

    Three queries, however many topics: the topics, their scores, the active criteria.
    """
    criteria = active_criteria() if criteria is None else criteria
    topics = list(
        Topic.objects.filter(status__in=rules.RANKED_STATUSES)
        .select_related("submitting_body")
        .prefetch_related(Prefetch("scores", queryset=TopicScore.objects.order_by("criterion_id")))
        .order_by("submitted_at", "id")
    )
    scores = {topic.pk: {s.criterion_id: s.score for s in topic.scores.all()} for topic in topics}
    return rules.rank_topics(topics, criteria=criteria, scores=scores)


def ranking_page():
    """The ranking page: the active criteria and the topics ranked by them."""
    criteria = active_criteria()
    return {"criteria": criteria, "ranking": current_ranking(criteria=criteria)}


def current_ranking_snapshot():
    """The current ranking as JSON data, for governance.Decision.ranking_snapshot."""
    return rules.ranking_snapshot(current_ranking())


# Detail page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    statement: Statement
    required: bool
    state: str  # "given", "waived" or "open"
    can_give: bool
    can_waive: bool


def _statement_state(statement):
    if statement.result:
        return "given"
    if statement.override_reason:
        return "waived"
    return "open"


def topic_detail_context(*, user, topic):
    """Everything the detail page shows of `topic` (already checked readable by `user`)."""
    prefetch_related_objects(
        [topic],
        _fields_prefetch(),
        Prefetch("affected_bodies", queryset=Body.objects.order_by("name")),
        Prefetch(
            "affected_units",
            queryset=OrgUnit.objects.select_related("body").order_by("body__name", "name"),
        ),
    )
    required = rules.required_statement_kinds(topic)
    statements = sorted(
        topic.statements.select_related("given_by", "overridden_by"),
        key=lambda statement: _KIND_ORDER.get(statement.kind, 99),
    )
    open_topic = topic.status in rules.OPEN_STATUSES
    statement_rows = [
        StatementRow(
            statement=statement,
            required=statement.kind in required,
            state=_statement_state(statement),
            can_give=open_topic and permissions.can_give_statement(user, statement),
            can_waive=open_topic
            and not statement.result
            and permissions.can_waive_statement(user, statement),
        )
        for statement in statements
    ]
    requested = {statement.kind for statement in statements}
    criteria = active_criteria()
    own_scores = {s.criterion_id: s for s in topic.scores.all()}
    score, contributions = rules.weighted_score(
        {pk: s.score for pk, s in own_scores.items()}, criteria
    )
    ranking_entry, ranking_size = None, 0
    if topic.status in rules.RANKED_STATUSES:
        ranking = current_ranking(criteria=criteria)
        ranking_size = len(ranking)
        ranking_entry = next((e for e in ranking if e.topic.pk == topic.pk), None)
    can_manage = permissions.can_manage_topics(user)
    return {
        "topic": topic,
        "statement_rows": statement_rows,
        "unrequested_kinds": [
            Statement.Kind(kind).label for kind in required if kind not in requested
        ],
        "missing_statements": rules.statement_kind_labels(
            rules.missing_statement_kinds(required, statements)
        ),
        "score_rows": [(c, own_scores.get(c.criterion.pk)) for c in contributions],
        "score": score,
        "maximum_score": rules.maximum_score(criteria),
        "ranking_entry": ranking_entry,
        "ranking_size": ranking_size,
        "audit_entries": audit_entries_for(topic),
        "status_choices": permissions.status_choices_for(user, topic),
        "can_edit": permissions.can_edit_topic(user, topic),
        "can_score": can_manage and open_topic,
        "can_request_statements": can_manage and open_topic,
        "can_see_ranking": permissions.can_see_ranking(user),
    }
