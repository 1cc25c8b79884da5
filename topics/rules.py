"""Pure rules of the topic submissions: required statements, status transitions, scores, ranking.

No database access here: every rule works on the objects and values it is given, so each is
tested in isolation. topics.queries loads what they need in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from organisations.models import Function

from .models import Statement, Topic

MAX_SCORE = 5

# The flag of a topic that requires a statement, and from whom.
STATEMENT_FLAGS = (
    ("touches_personal_data", Statement.Kind.DATA_PROTECTION),
    ("touches_it_security", Statement.Kind.INFORMATION_SECURITY),
    ("touches_working_conditions", Statement.Kind.STAFF_COUNCIL),
    ("touches_equality", Statement.Kind.EQUAL_OPPORTUNITIES),
    ("touches_accessibility", Statement.Kind.DISABILITY),
)

# Whose function entitles them to give which statement.
FUNCTION_FOR_STATEMENT = {
    Statement.Kind.DATA_PROTECTION: Function.Kind.DATA_PROTECTION_OFFICER,
    Statement.Kind.INFORMATION_SECURITY: Function.Kind.INFORMATION_SECURITY_OFFICER,
    Statement.Kind.STAFF_COUNCIL: Function.Kind.STAFF_COUNCIL,
    Statement.Kind.EQUAL_OPPORTUNITIES: Function.Kind.EQUAL_OPPORTUNITIES_OFFICER,
    Statement.Kind.DISABILITY: Function.Kind.DISABILITY_REPRESENTATIVE,
}
STATEMENT_FOR_FUNCTION = {function: kind for kind, function in FUNCTION_FOR_STATEMENT.items()}

_S = Topic.Status
# Where a topic may go from each status through change_topic_status. DECIDED is reached only
# through actions.mark_topic_decided, when the steering group records its decision.
ALLOWED_TRANSITIONS = {
    _S.SUBMITTED: (_S.IN_PREPARATION, _S.WITHDRAWN),
    _S.IN_PREPARATION: (_S.READY_FOR_DECISION, _S.SUBMITTED, _S.WITHDRAWN),
    _S.READY_FOR_DECISION: (_S.IN_PREPARATION, _S.WITHDRAWN),
    _S.DECIDED: (),
    _S.WITHDRAWN: (),
}
# The statuses in which a topic is still being prepared: facts, scores, statements may change.
OPEN_STATUSES = (_S.SUBMITTED, _S.IN_PREPARATION, _S.READY_FOR_DECISION)
# The statuses whose topics are ranked for the steering group.
RANKED_STATUSES = (_S.IN_PREPARATION, _S.READY_FOR_DECISION)


def required_statement_kinds(topic):
    """The statement kinds a topic's flags require, in the order of Statement.Kind."""
    return [kind for flag, kind in STATEMENT_FLAGS if getattr(topic, flag)]


def missing_statement_kinds(required_kinds, statements):
    """The required kinds without a statement that is given or waived by the chair."""
    settled = {statement.kind for statement in statements if statement.is_settled}
    return [kind for kind in required_kinds if kind not in settled]


def is_allowed_transition(old_status, new_status):
    return new_status in ALLOWED_TRANSITIONS.get(old_status, ())


def statement_kind_labels(kinds):
    """“Staff council, Data protection officer”: the kinds' labels joined for a message."""
    return ", ".join(str(Statement.Kind(kind).label) for kind in kinds)


# Scores and ranking -------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    """What one criterion adds to a topic's weighted score."""

    criterion: object
    score: int | None  # None: not scored yet
    points: int


def criterion_points(criterion, score):
    """Weight × score, or weight × (5 − score) where a high score lowers the priority."""
    if score is None:
        return 0
    value = MAX_SCORE - score if criterion.lowers_priority else score
    return criterion.weight * value


def maximum_score(criteria):
    return sum(criterion.weight * MAX_SCORE for criterion in criteria)


def weighted_score(scores, criteria):
    """A topic's weighted score and the contribution of each criterion.

    `scores` maps criterion id to score (0–5); `criteria` are the active criteria. A criterion
    not scored yet contributes nothing (also one that lowers the priority).
    """
    contributions = [
        Contribution(
            criterion=criterion,
            score=scores.get(criterion.pk),
            points=criterion_points(criterion, scores.get(criterion.pk)),
        )
        for criterion in criteria
    ]
    return sum(c.points for c in contributions), contributions


@dataclass
class RankedTopic:
    rank: int
    topic: object
    score: int
    maximum: int
    hard: bool
    contributions: list = field(default_factory=list)
    reason: str = ""

    @property
    def scored(self):
        return any(c.score is not None for c in self.contributions)


def _sort_key(entry):
    topic = entry.topic
    if entry.hard:
        return (0, topic.deadline.toordinal(), topic.submitted_at, topic.pk)
    return (1, -entry.score, topic.submitted_at, topic.pk)


def _hard_reason(topic, previous):
    reason = _(
        "Legal obligation with a deadline (%(obligation)s, by %(deadline)s): ranks before all "
        "topics without one."
    ) % {
        "obligation": topic.legal_obligation,
        "deadline": formats.date_format(topic.deadline, "SHORT_DATE_FORMAT"),
    }
    if previous is not None and previous.hard:
        if previous.topic.deadline == topic.deadline:
            reason += " " + _("Same deadline as %(reference)s, which was submitted earlier.") % {
                "reference": previous.topic.reference
            }
        else:
            reason += " " + _("Its deadline is later than that of %(reference)s.") % {
                "reference": previous.topic.reference
            }
    return reason


def _scored_reason(entry, previous):
    if not entry.scored:
        reason = _("Not scored yet (0 points).")
    else:
        strongest = sorted(
            (c for c in entry.contributions if c.points > 0),
            key=lambda c: (-c.points, c.criterion.position, c.criterion.name),
        )[:2]
        reason = _("Weighted score %(score)s of %(maximum)s points") % {
            "score": entry.score,
            "maximum": entry.maximum,
        }
        if strongest:
            reason += "; " + _("most points from: %(criteria)s") % {
                "criteria": ", ".join(f"{c.criterion.name} ({c.points})" for c in strongest)
            }
        reason += "."
    if previous is not None and previous.hard:
        reason += " " + _("Ranks after the topics with a legal obligation and deadline.")
    elif previous is not None and previous.score == entry.score:
        reason += " " + _("Same score as %(reference)s, which was submitted earlier.") % {
            "reference": previous.topic.reference
        }
    return reason


def rank_topics(topics, *, criteria, scores):
    """The topics in the order the steering group should take them up, each with its reason.

    Topics with a legal obligation and a deadline (Topic.has_hard_criterion) come first, the
    earliest deadline first; then the others by weighted score, highest first; ties go to the
    earlier submission. `criteria` are the active criteria; `scores` maps a topic's id to a
    mapping of criterion id to score.
    """
    criteria = list(criteria)
    maximum = maximum_score(criteria)
    entries = []
    for topic in topics:
        total, contributions = weighted_score(scores.get(topic.pk, {}), criteria)
        entries.append(
            RankedTopic(
                rank=0,
                topic=topic,
                score=total,
                maximum=maximum,
                hard=topic.has_hard_criterion,
                contributions=contributions,
            )
        )
    entries.sort(key=_sort_key)
    previous = None
    for rank, entry in enumerate(entries, start=1):
        entry.rank = rank
        entry.reason = (
            _hard_reason(entry.topic, previous) if entry.hard else _scored_reason(entry, previous)
        )
        previous = entry
    return entries


def ranking_snapshot(ranking):
    """The ranking as plain JSON data, to be frozen with a decision (Decision.ranking_snapshot)."""
    return [
        {
            "reference": entry.topic.reference,
            "title": entry.topic.title,
            "rank": entry.rank,
            "score": entry.score,
            "hard": entry.hard,
            "reason": str(entry.reason),
        }
        for entry in ranking
    ]
