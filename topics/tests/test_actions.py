"""Every write of the topics app: what it saves and audits, and that a refusal leaves no trace."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as global_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from organisations.models import Function
from topics import actions, queries
from topics.models import PriorityCriterion, Statement, Topic, TopicScore

from .conftest import topics_state
from .factories import StatementFactory, TopicFactory, officer_user

pytestmark = pytest.mark.django_db


def _tomorrow():
    # When the test runs, not when the module is collected: a run across midnight would
    # otherwise take today for tomorrow.
    return timezone.localdate() + datetime.timedelta(days=1)


def _submit(world, user=None, **values):
    data = {
        "title": "Digitale Hundesteuer",
        "problem": "Anmeldungen kommen per Post.",
        "proposal": "Online-Formular mit Bezahlfunktion.",
        "fields": [world.field],
    }
    return actions.submit_topic(acting_user=user or world.users["reader"], **(data | values))


def _entries_for(obj):
    return AuditEntry.objects.filter(
        subject_id=str(obj.pk), subject_type__model=obj._meta.model_name
    )


# Submitting -----------------------------------------------------------------------------------


def test_submit_takes_body_and_unit_from_the_user_and_is_audited(world):
    staff = world.users["staff"]
    topic = _submit(world, staff, rough_cost=Decimal("25000"), deadline=_tomorrow())
    assert topic.status == Topic.Status.SUBMITTED
    assert topic.submitted_by == staff
    assert topic.submitting_body == world.county
    assert topic.submitting_unit == world.office
    assert list(topic.fields.all()) == [world.field]
    entry = _entries_for(topic).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.changes["title"] == [None, "Digitale Hundesteuer"]


def test_a_municipality_user_submits_in_the_name_of_their_municipality(world):
    topic = _submit(world, world.users["municipality_editor_own"])
    assert topic.submitting_body == world.town
    assert topic.submitting_unit is None


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"title": " "}, "title", "Geben Sie einen Titel ein."),
        ({"problem": ""}, "problem", "Beschreiben Sie das Problem oder den Bedarf."),
        ({"proposal": ""}, "proposal", "Beschreiben Sie Ihren Vorschlag."),
        ({"fields": []}, "fields", "Wählen Sie mindestens ein Handlungsfeld."),
        (
            {"deadline": datetime.date(2020, 1, 1)},
            "deadline",
            "Die Frist darf nicht in der Vergangenheit liegen.",
        ),
        ({"rough_cost": Decimal("-1")}, "rough_cost", "Die Kosten dürfen nicht negativ sein."),
    ],
)
def test_bad_submissions_are_refused_at_their_field_and_save_nothing(world, values, field, message):
    before = topics_state()
    with pytest.raises(ValidationError) as error:
        _submit(world, **values)
    assert error.value.message_dict[field] == [message]
    assert topics_state() == before


def test_a_user_without_a_body_cannot_submit(world):
    before = topics_state()
    with pytest.raises(PermissionDenied):
        _submit(world, world.users["officer"])
    with pytest.raises(PermissionDenied):
        _submit(world, world.users["reader"], submitting_body=world.town)
    assert topics_state() == before


# Editing -----------------------------------------------------------------------------------


def test_the_staff_unit_completes_the_facts(world):
    topic = actions.update_topic(
        acting_user=world.users["staff"],
        topic=world.topic,
        expected_version=world.topic.version,
        legal_obligation="OZG",
        deadline=_tomorrow(),
        preparation_note="Mit Amt 32 abgestimmt.",
        affected_bodies=[world.county, world.town],
    )
    assert topic.version == world.topic.version + 1
    assert topic.has_hard_criterion
    entry = _entries_for(topic).get()
    assert entry.changes["legal_obligation"] == ["", "OZG"]
    assert entry.changes["affected_bodies"] == [[], ["Sankt Augustin", "Testkreis"]]


def test_a_stale_edit_is_refused(world):
    before = topics_state()
    with pytest.raises(ValidationError) as error:
        actions.update_topic(
            acting_user=world.users["staff"],
            topic=world.topic,
            expected_version=world.topic.version - 1,
            title="Veraltet",
        )
    assert error.value.error_dict["__all__"][0].code == "stale"
    assert topics_state() == before


@pytest.mark.parametrize("role", ["reader", "submitter", "chair", "officer"])
def test_only_the_staff_unit_edits(world, role):
    before = topics_state()
    with pytest.raises(PermissionDenied):
        actions.update_topic(acting_user=world.users[role], topic=world.topic, title="Fremd")
    assert topics_state() == before


def test_an_old_deadline_may_stay_but_not_be_set(world):
    Topic.objects.filter(pk=world.topic.pk).update(deadline=datetime.date(2020, 1, 1))
    world.topic.refresh_from_db()
    actions.update_topic(acting_user=world.users["staff"], topic=world.topic, title="Neu")
    with pytest.raises(ValidationError):
        actions.update_topic(
            acting_user=world.users["staff"],
            topic=world.topic,
            deadline=datetime.date(2021, 1, 1),
        )


def test_a_decided_topic_is_not_edited(world):
    Topic.objects.filter(pk=world.topic.pk).update(status=Topic.Status.DECIDED)
    with pytest.raises(ValidationError) as error:
        actions.update_topic(acting_user=world.users["staff"], topic=world.topic, title="Neu")
    assert "kann nicht mehr geändert werden" in error.value.messages[0]


# Status ------------------------------------------------------------------------------------


def test_preparation_requests_the_required_statements(world):
    staff = world.users["staff"]
    topic = _submit(world, touches_it_security=True, touches_equality=True)
    actions.change_topic_status(
        acting_user=staff, topic=topic, new_status=Topic.Status.IN_PREPARATION
    )
    topic.refresh_from_db()
    assert topic.status == Topic.Status.IN_PREPARATION
    assert sorted(topic.statements.values_list("kind", flat=True)) == [
        Statement.Kind.EQUAL_OPPORTUNITIES,
        Statement.Kind.INFORMATION_SECURITY,
    ]
    status_entry = _entries_for(topic).get(action=AuditEntry.Action.UPDATE)
    assert status_entry.changes["status"] == ["SUBMITTED", "IN_PREPARATION"]


def test_ready_for_decision_is_refused_while_statements_are_missing(world):
    before = topics_state()
    with pytest.raises(ValidationError) as error:
        actions.change_topic_status(
            acting_user=world.users["staff"],
            topic=world.topic,
            new_status=Topic.Status.READY_FOR_DECISION,
        )
    message = error.value.messages[0]
    assert message.startswith("Das Thema ist noch nicht entscheidungsreif")
    assert "Datenschutzbeauftragte(r), Personalrat" in message
    assert topics_state() == before


def test_a_statement_given_and_one_waived_by_the_chair_make_it_ready(world):
    council = world.topic.statements.get(kind=Statement.Kind.STAFF_COUNCIL)
    actions.give_statement(
        acting_user=world.users["officer"],
        statement=world.statement,
        result=Statement.Result.AGREED,
        given_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match="Personalrat"):
        actions.change_topic_status(
            acting_user=world.users["staff"],
            topic=world.topic,
            new_status=Topic.Status.READY_FOR_DECISION,
        )
    actions.waive_statement(
        acting_user=world.users["chair"], statement=council, reason="Dienstvereinbarung gilt."
    )
    topic = actions.change_topic_status(
        acting_user=world.users["staff"],
        topic=world.topic,
        new_status=Topic.Status.READY_FOR_DECISION,
    )
    assert topic.status == Topic.Status.READY_FOR_DECISION
    decided = actions.mark_topic_decided(acting_user=world.users["chair"], topic=topic)
    assert decided.status == Topic.Status.DECIDED


def test_a_flag_set_after_preparation_began_also_blocks_until_requested(world):
    Statement.objects.filter(topic=world.topic).update(result="AGREED", given_on=_tomorrow())
    Topic.objects.filter(pk=world.topic.pk).update(touches_accessibility=True)
    world.topic.refresh_from_db()
    with pytest.raises(ValidationError, match="Schwerbehindertenvertretung"):
        actions.change_topic_status(
            acting_user=world.users["staff"],
            topic=world.topic,
            new_status=Topic.Status.READY_FOR_DECISION,
        )


@pytest.mark.parametrize("target", [Topic.Status.DECIDED, Topic.Status.SUBMITTED + "X"])
def test_decided_is_not_reached_through_a_status_change(world, target):
    with pytest.raises(ValidationError):
        actions.change_topic_status(
            acting_user=world.users["staff"], topic=world.topic, new_status=target
        )


def test_a_disallowed_transition_names_both_statuses(world):
    topic = _submit(world)
    with pytest.raises(ValidationError) as error:
        actions.change_topic_status(
            acting_user=world.users["staff"],
            topic=topic,
            new_status=Topic.Status.READY_FOR_DECISION,
        )
    assert error.value.messages == [
        "Ein Thema kann nicht von „Angemeldet“ auf „Entscheidungsreif“ wechseln."
    ]


def test_mark_decided_needs_a_topic_ready_for_decision(world):
    with pytest.raises(ValidationError, match="Nur ein entscheidungsreifes Thema"):
        actions.mark_topic_decided(acting_user=world.users["staff"], topic=world.topic)


def test_the_submitter_withdraws_their_own_topic_only_while_submitted(world):
    submitter = world.users["reader"]
    topic = _submit(world, submitter)
    with pytest.raises(PermissionDenied):
        actions.change_topic_status(
            acting_user=submitter, topic=topic, new_status=Topic.Status.IN_PREPARATION
        )
    actions.change_topic_status(
        acting_user=submitter, topic=topic, new_status=Topic.Status.WITHDRAWN
    )
    topic.refresh_from_db()
    assert topic.status == Topic.Status.WITHDRAWN
    before = topics_state()
    with pytest.raises(PermissionDenied):  # world.topic is in preparation
        actions.change_topic_status(
            acting_user=world.users["submitter"],
            topic=world.topic,
            new_status=Topic.Status.WITHDRAWN,
        )
    with pytest.raises(PermissionDenied):  # someone else's topic
        actions.change_topic_status(
            acting_user=world.users["reader"],
            topic=world.topic,
            new_status=Topic.Status.WITHDRAWN,
        )
    assert topics_state() == before


# Statements --------------------------------------------------------------------------------


def test_request_statements_is_idempotent(world):
    Topic.objects.filter(pk=world.topic.pk).update(touches_it_security=True)
    world.topic.refresh_from_db()
    created = actions.request_statements(acting_user=world.users["staff"], topic=world.topic)
    assert [s.kind for s in created] == [Statement.Kind.INFORMATION_SECURITY]
    entries = AuditEntry.objects.count()
    assert actions.request_statements(acting_user=world.users["staff"], topic=world.topic) == []
    assert world.topic.statements.count() == 3
    assert AuditEntry.objects.count() == entries


def test_request_statements_is_for_the_staff_unit(world):
    with pytest.raises(PermissionDenied):
        actions.request_statements(acting_user=world.users["chair"], topic=world.topic)


def test_an_officer_gives_the_statement_of_their_kind(world):
    statement = actions.give_statement(
        acting_user=world.users["officer"],
        statement=world.statement,
        result=Statement.Result.AGREED_WITH_CONDITIONS,
        text="Verzeichnis der Verarbeitungstätigkeiten ergänzen.",
        given_on=timezone.localdate(),
    )
    assert statement.given_by == world.users["officer"]
    assert statement.is_settled
    entry = _entries_for(statement).get()
    assert entry.scope_id == str(world.topic.pk)
    assert entry.changes["result"] == ["", "AGREED_WITH_CONDITIONS"]


def test_an_officer_of_another_kind_may_not(world):
    security = officer_user(Function.Kind.INFORMATION_SECURITY_OFFICER, body=None)
    before = topics_state()
    with pytest.raises(PermissionDenied):
        actions.give_statement(
            acting_user=security,
            statement=world.statement,
            result=Statement.Result.AGREED,
            given_on=timezone.localdate(),
        )
    assert topics_state() == before


def test_a_past_function_gives_no_right(world):
    person = world.users["officer"].person
    Function.objects.filter(person=person).update(
        start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2020, 1, 1)
    )
    officer = type(world.users["officer"]).objects.get(pk=world.users["officer"].pk)
    with pytest.raises(PermissionDenied):
        actions.give_statement(
            acting_user=officer,
            statement=world.statement,
            result=Statement.Result.AGREED,
            given_on=timezone.localdate(),
        )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"result": Statement.Result.CONCERNS, "text": ""},
            "text",
            "Nennen Sie in der Stellungnahme die Auflagen oder Bedenken.",
        ),
        ({"given_on": _tomorrow}, "given_on", "Das Datum darf nicht in der Zukunft liegen."),
        ({"result": "MAYBE"}, "result", "Wählen Sie das Ergebnis der Stellungnahme."),
    ],
)
def test_bad_statements_are_refused(world, values, field, message):
    data = {"result": Statement.Result.AGREED, "text": "", "given_on": timezone.localdate()}
    values = {name: value() if callable(value) else value for name, value in values.items()}
    before = topics_state()
    with pytest.raises(ValidationError) as error:
        actions.give_statement(
            acting_user=world.users["staff"], statement=world.statement, **(data | values)
        )
    assert error.value.message_dict[field] == [message]
    assert topics_state() == before


def test_only_the_chair_or_an_administrator_waives(world):
    before = topics_state()
    for role in ("staff", "officer", "reader"):
        with pytest.raises(PermissionDenied):
            actions.waive_statement(
                acting_user=world.users[role], statement=world.statement, reason="Eilt."
            )
    assert topics_state() == before
    waived = actions.waive_statement(
        acting_user=world.users["admin"], statement=world.statement, reason="Eilt."
    )
    assert waived.overridden_by == world.users["admin"]


def test_a_waiver_needs_a_reason_and_an_outstanding_statement(world):
    chair = world.users["chair"]
    before = topics_state()
    with pytest.raises(ValidationError) as error:
        actions.waive_statement(acting_user=chair, statement=world.statement, reason="  ")
    assert error.value.message_dict["reason"] == [
        "Begründen Sie, warum ohne diese Stellungnahme entschieden werden soll."
    ]
    given = StatementFactory(
        topic=world.topic,
        kind=Statement.Kind.DISABILITY,
        result=Statement.Result.AGREED,
        given_on=timezone.localdate(),
    )
    before = topics_state()
    with pytest.raises(ValidationError, match="liegt bereits vor"):
        actions.waive_statement(acting_user=chair, statement=given, reason="Eilt.")
    assert topics_state() == before


def test_a_chair_whose_seat_ended_may_not_waive(world):
    chair = world.users["chair"]
    chair.person.memberships.update(
        start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2020, 12, 31)
    )
    chair = type(chair).objects.get(pk=chair.pk)
    with pytest.raises(PermissionDenied):
        actions.waive_statement(acting_user=chair, statement=world.statement, reason="Eilt.")


# Scores and criteria -----------------------------------------------------------------------


def _criteria():
    return {c.code: c for c in PriorityCriterion.objects.all()}


def test_scores_are_created_changed_and_removed_with_audit(world):
    staff, criteria = world.users["staff"], _criteria()
    actions.score_topic(
        acting_user=staff,
        topic=world.topic,
        scores={criteria["citizen_benefit"]: (4, "Viele Anträge"), criteria["cost"]: (2, "Gering")},
    )
    assert TopicScore.objects.filter(topic=world.topic).count() == 2
    actions.score_topic(
        acting_user=staff,
        topic=world.topic,
        scores={criteria["citizen_benefit"]: (5, "Sehr viele"), criteria["cost"]: (None, "")},
    )
    assert list(TopicScore.objects.filter(topic=world.topic).values_list("score", flat=True)) == [5]
    actions_seen = sorted(
        AuditEntry.objects.filter(
            scope_id=str(world.topic.pk), subject_type__model="topicscore"
        ).values_list("action", flat=True)
    )
    assert actions_seen == ["CREATE", "CREATE", "DELETE", "UPDATE"]


@pytest.mark.parametrize(
    ("score", "reason", "message"),
    [(6, "Zu hoch", "zwischen 0 und 5"), (3, "", "Geben Sie eine Begründung an.")],
)
def test_bad_scores_are_refused(world, score, reason, message):
    before = topics_state()
    with pytest.raises(ValidationError, match=message):
        actions.score_topic(
            acting_user=world.users["staff"],
            topic=world.topic,
            scores={_criteria()["urgency"]: (score, reason)},
        )
    assert topics_state() == before


def test_scoring_is_for_the_staff_unit(world):
    with pytest.raises(PermissionDenied):
        actions.score_topic(
            acting_user=world.users["chair"],
            topic=world.topic,
            scores={_criteria()["urgency"]: (3, "Eilt")},
        )


def test_a_weight_change_re_ranks_the_topics(world):
    staff, criteria = world.users["staff"], _criteria()
    benefit_topic = world.topic
    urgent_topic = TopicFactory(status=Topic.Status.IN_PREPARATION, submitted_by=staff)
    actions.score_topic(
        acting_user=staff,
        topic=benefit_topic,
        scores={criteria["citizen_benefit"]: (5, "Hoch"), criteria["urgency"]: (1, "Kaum")},
    )
    actions.score_topic(
        acting_user=staff,
        topic=urgent_topic,
        scores={criteria["citizen_benefit"]: (1, "Kaum"), criteria["urgency"]: (5, "Sehr")},
    )
    ranking = queries.current_ranking()
    assert [e.topic.pk for e in ranking] == [benefit_topic.pk, urgent_topic.pk]  # 17 vs 13
    snapshot = queries.current_ranking_snapshot()

    changed = actions.configure_criteria(
        acting_user=staff,
        settings={criteria["citizen_benefit"]: {"weight": 1}, criteria["urgency"]: {"weight": 5}},
    )

    assert len(changed) == 2
    ranking = queries.current_ranking()
    assert [e.topic.pk for e in ranking] == [urgent_topic.pk, benefit_topic.pk]  # 26 vs 10
    assert [e.score for e in ranking] == [26, 10]
    assert snapshot[0]["reference"] == benefit_topic.reference  # a frozen snapshot stays
    entry = _entries_for(criteria["urgency"]).get()
    assert entry.changes["weight"] == [2, 5]


def test_a_deactivated_criterion_no_longer_counts(world):
    staff, criteria = world.users["staff"], _criteria()
    actions.score_topic(
        acting_user=staff, topic=world.topic, scores={criteria["urgency"]: (5, "Sehr")}
    )
    assert queries.current_ranking()[0].score == 10
    actions.configure_criteria(
        acting_user=staff, settings={criteria["urgency"]: {"is_active": False}}
    )
    assert queries.current_ranking()[0].score == 0


def test_bad_weights_and_foreign_users_are_refused(world):
    urgency = _criteria()["urgency"]
    before = topics_state()
    with pytest.raises(ValidationError, match="zwischen 0 und 10"):
        actions.configure_criteria(
            acting_user=world.users["staff"], settings={urgency: {"weight": 11}}
        )
    with pytest.raises(PermissionDenied):
        actions.configure_criteria(
            acting_user=world.users["chair"], settings={urgency: {"weight": 3}}
        )
    assert topics_state() == before


# Default criteria (data migration) ---------------------------------------------------------


def test_the_default_criteria_are_seeded():
    seeded = {
        c.code: (c.name, c.weight, c.lowers_priority)
        for c in PriorityCriterion.objects.order_by("position")
    }
    assert seeded == {
        "legal_obligation": ("Rechtliche Verpflichtung mit Frist", 3, False),
        "citizen_benefit": ("Nutzen für Bürgerinnen, Bürger und Unternehmen", 3, False),
        "efficiency": ("Effizienzgewinn in der Verwaltung", 2, False),
        "strategy": ("Beitrag zu den Zielen der Digitalisierungsstrategie", 2, False),
        "cost": ("Kosten", 2, True),
        "risk": ("Risiko / Umsetzbarkeit", 1, True),
        "urgency": ("Dringlichkeit", 2, False),
    }


def test_the_seed_is_idempotent_and_reversible(world):
    migration = importlib.import_module("topics.migrations.0002_default_criteria")
    PriorityCriterion.objects.filter(code="risk").update(weight=4)
    migration.add_default_criteria(global_apps, None)
    assert PriorityCriterion.objects.count() == 7
    assert PriorityCriterion.objects.get(code="risk").weight == 4  # kept as configured
    TopicScore.objects.create(
        topic=world.topic, criterion=PriorityCriterion.objects.get(code="cost"), score=1
    )
    migration.remove_default_criteria(global_apps, None)
    assert list(PriorityCriterion.objects.values_list("code", flat=True)) == ["cost"]
    migration.add_default_criteria(global_apps, None)
    assert PriorityCriterion.objects.count() == 7


def test_users_without_a_person_hold_no_functions(world):
    plain = UserFactory(person=None)
    with pytest.raises(PermissionDenied):
        actions.give_statement(
            acting_user=plain,
            statement=world.statement,
            result=Statement.Result.AGREED,
            given_on=timezone.localdate(),
        )
