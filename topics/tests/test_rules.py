"""The pure rules: required statements, transitions, weighted scores, ranking, snapshot."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.utils import timezone

from topics import rules
from topics.models import PriorityCriterion, Statement, Topic

BASE = timezone.make_aware(datetime.datetime(2024, 5, 1, 9, 0))


def criterion(pk, weight, *, lowers=False, name=None):
    return PriorityCriterion(
        pk=pk, code=f"c{pk}", name=name or f"Kriterium {pk}", weight=weight,
        lowers_priority=lowers, position=pk,
    )  # fmt: skip


def topic(pk, *, minutes=0, obligation="", deadline=None, **flags):
    return Topic(
        pk=pk,
        title=f"Thema {pk}",
        submitted_at=BASE + datetime.timedelta(minutes=minutes),
        legal_obligation=obligation,
        deadline=deadline,
        **flags,
    )


@pytest.mark.parametrize(
    ("flags", "kinds"),
    [
        ({}, []),
        ({"touches_personal_data": True}, [Statement.Kind.DATA_PROTECTION]),
        ({"touches_it_security": True}, [Statement.Kind.INFORMATION_SECURITY]),
        ({"touches_working_conditions": True}, [Statement.Kind.STAFF_COUNCIL]),
        ({"touches_equality": True}, [Statement.Kind.EQUAL_OPPORTUNITIES]),
        ({"touches_accessibility": True}, [Statement.Kind.DISABILITY]),
        (
            {"touches_accessibility": True, "touches_personal_data": True},
            [Statement.Kind.DATA_PROTECTION, Statement.Kind.DISABILITY],
        ),
    ],
)
def test_required_statement_kinds_follow_the_flags(flags, kinds):
    assert rules.required_statement_kinds(topic(1, **flags)) == kinds


def test_a_statement_is_settled_when_given_or_waived():
    required = [Statement.Kind.DATA_PROTECTION, Statement.Kind.STAFF_COUNCIL]
    statements = [
        Statement(kind=Statement.Kind.DATA_PROTECTION, result=""),
        Statement(kind=Statement.Kind.STAFF_COUNCIL, result="AGREED"),
    ]
    assert rules.missing_statement_kinds(required, statements) == [Statement.Kind.DATA_PROTECTION]
    statements[0].override_reason = "Eilbedürftig"
    assert rules.missing_statement_kinds(required, statements) == []
    assert rules.missing_statement_kinds(required, []) == required


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("SUBMITTED", "IN_PREPARATION", True),
        ("SUBMITTED", "WITHDRAWN", True),
        ("SUBMITTED", "READY_FOR_DECISION", False),
        ("IN_PREPARATION", "READY_FOR_DECISION", True),
        ("IN_PREPARATION", "SUBMITTED", True),
        ("READY_FOR_DECISION", "IN_PREPARATION", True),
        ("READY_FOR_DECISION", "DECIDED", False),  # only through mark_topic_decided
        ("DECIDED", "IN_PREPARATION", False),
        ("WITHDRAWN", "SUBMITTED", False),
    ],
)
def test_transitions(old, new, allowed):
    assert rules.is_allowed_transition(old, new) is allowed


def test_weighted_score_counts_cost_and_risk_against_the_topic():
    benefit, cost = criterion(1, 3), criterion(2, 2, lowers=True)
    total, contributions = rules.weighted_score({1: 4, 2: 5}, [benefit, cost])
    assert total == 12  # 3×4 + 2×(5−5)
    assert [(c.score, c.points) for c in contributions] == [(4, 12), (5, 0)]
    total, _contributions = rules.weighted_score({1: 4, 2: 1}, [benefit, cost])
    assert total == 20  # cheap: 3×4 + 2×(5−1)


def test_an_unscored_criterion_contributes_nothing():
    cost = criterion(2, 2, lowers=True)
    total, contributions = rules.weighted_score({}, [cost])
    assert total == 0
    assert contributions[0].score is None
    assert rules.maximum_score([criterion(1, 3), cost]) == 25


def test_ranking_puts_legal_deadlines_first_then_score_then_submission_time():
    criteria = [criterion(1, 3, name="Nutzen"), criterion(2, 2, name="Dringlichkeit")]
    late_law = topic(1, minutes=0, obligation="OZG", deadline=datetime.date(2025, 12, 31))
    early_law = topic(2, minutes=5, obligation="EU-DSGVO", deadline=datetime.date(2025, 6, 30))
    high = topic(3, minutes=10)
    tie_early = topic(4, minutes=1)
    tie_late = topic(5, minutes=2)
    deadline_only = topic(6, minutes=3, deadline=datetime.date(2025, 1, 1))  # no obligation
    scores = {3: {1: 5, 2: 5}, 4: {1: 2}, 5: {2: 3}, 1: {}, 2: {}, 6: {1: 1}}

    ranking = rules.rank_topics(
        [high, tie_late, late_law, deadline_only, tie_early, early_law],
        criteria=criteria,
        scores=scores,
    )

    assert [(e.rank, e.topic.pk) for e in ranking] == [
        (1, 2),
        (2, 1),
        (3, 3),
        (4, 4),
        (5, 5),
        (6, 6),
    ]
    assert [e.hard for e in ranking] == [True, True, False, False, False, False]
    assert [e.score for e in ranking] == [0, 0, 25, 6, 6, 3]
    assert ranking[2].contributions[0].points == 15


def test_ranking_reasons_say_why_in_german():
    criteria = [criterion(1, 3, name="Nutzen"), criterion(2, 2, name="Dringlichkeit")]
    law = topic(1, obligation="OZG", deadline=datetime.date(2025, 12, 31))
    first = topic(2, minutes=1)
    second = topic(3, minutes=2)
    unscored = topic(4, minutes=3)
    ranking = rules.rank_topics(
        [law, first, second, unscored],
        criteria=criteria,
        scores={2: {1: 4, 2: 1}, 3: {1: 2, 2: 4}},
    )
    reasons = [entry.reason for entry in ranking]
    assert reasons[0].startswith("Rechtliche Verpflichtung mit Frist (OZG, bis 31.12.2025)")
    assert reasons[1].startswith("Gewichtete Punktzahl 14 von 25 Punkten")
    assert "Nutzen (12)" in reasons[1]
    assert "nach den Themen mit rechtlicher Verpflichtung und Frist" in reasons[1]
    assert "Gleiche Punktzahl wie T-0002" in reasons[2]
    assert reasons[3].startswith("Noch nicht bewertet")


def test_same_deadline_ranks_the_earlier_submission_first_and_says_so():
    day = datetime.date(2025, 6, 30)
    later = topic(1, minutes=9, obligation="OZG", deadline=day)
    earlier = topic(2, minutes=1, obligation="OZG", deadline=day)
    ranking = rules.rank_topics([later, earlier], criteria=[], scores={})
    assert [e.topic.pk for e in ranking] == [2, 1]
    assert "Gleiche Frist wie T-0002" in ranking[1].reason


def test_snapshot_is_plain_json():
    ranking = rules.rank_topics(
        [topic(7, obligation="OZG", deadline=datetime.date(2025, 1, 31)), topic(8)],
        criteria=[criterion(1, 2)],
        scores={8: {1: 3}},
    )
    snapshot = rules.ranking_snapshot(ranking)
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot[1] == {
        "reference": "T-0008",
        "title": "Thema 8",
        "rank": 2,
        "score": 6,
        "hard": False,
        "reason": ranking[1].reason,
    }
    assert snapshot[0]["hard"] is True


def test_ranking_accepts_any_topic_like_object():
    plain = SimpleNamespace(
        pk=1, reference="T-0001", title="x", has_hard_criterion=False, submitted_at=BASE
    )
    assert rules.rank_topics([plain], criteria=[], scores={})[0].rank == 1
