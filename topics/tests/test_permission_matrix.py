"""Role × action: who may do what with topics, and that a refusal changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from topics.models import PriorityCriterion, Statement, Topic, TopicScore

from .conftest import topics_state

pytestmark = pytest.mark.django_db

A, F, LOGIN = "allowed", "forbidden", "login"

ACTIONS = (
    "list",
    "ranking",
    "detail",
    "submit",
    "edit",
    "status",
    "statement",
    "waive",
    "score",
    "criteria",
)

# The world's topic: submitted by another user of the town, in preparation, asking for the
# data protection officer's and the staff council's statements.
MATRIX = {
    "anonymous": (LOGIN,) * 10,
    "reader": (A, F, A, A, F, F, F, F, F, F),
    "unit_editor": (A, F, A, A, F, F, F, F, F, F),
    "municipality_editor_own": (A, F, A, A, F, F, F, F, F, F),
    "municipality_editor_other": (A, F, F, A, F, F, F, F, F, F),
    "officer": (A, F, A, F, F, F, A, F, F, F),
    "chair": (A, F, A, A, F, F, F, A, F, F),
    "staff": (A, A, A, A, A, A, A, F, A, A),
    "admin": (A,) * 10,
}

CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, outcomes in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


def _score_data(topic):
    criteria = list(PriorityCriterion.objects.filter(is_active=True).order_by("position", "name"))
    data = {"scores-TOTAL_FORMS": len(criteria), "scores-INITIAL_FORMS": len(criteria)}
    for index, criterion in enumerate(criteria):
        data[f"scores-{index}-criterion_id"] = criterion.pk
        data[f"scores-{index}-score"] = 4 if criterion.code == "urgency" else ""
        data[f"scores-{index}-reason"] = "Frist des Landes" if criterion.code == "urgency" else ""
    return data


def _criteria_data():
    criteria = list(PriorityCriterion.objects.order_by("position", "name"))
    data = {"criteria-TOTAL_FORMS": len(criteria), "criteria-INITIAL_FORMS": len(criteria)}
    for index, criterion in enumerate(criteria):
        data[f"criteria-{index}-criterion_id"] = criterion.pk
        data[f"criteria-{index}-weight"] = 7 if criterion.code == "urgency" else criterion.weight
        if criterion.is_active:
            data[f"criteria-{index}-is_active"] = "on"
    return data


def _request(client, world, action):
    """Send the action's request; return the response and a check that it took effect."""
    topic, statement = world.topic, world.statement
    pk = topic.pk
    if action == "list":
        return client.get(reverse("topics:topic_list")), None
    if action == "ranking":
        return client.get(reverse("topics:topic_ranking")), None
    if action == "detail":
        return client.get(reverse("topics:topic_detail", args=[pk])), None
    if action == "submit":
        count = Topic.objects.count()
        data = {
            "title": "E-Akte im Bauamt",
            "problem": "Akten liegen nur auf Papier vor.",
            "proposal": "E-Akte einführen.",
            "fields": [world.field.pk],
        }
        response = client.post(reverse("topics:topic_create"), data)
        return response, lambda: Topic.objects.count() == count + 1
    if action == "edit":
        data = {
            "title": "Geänderter Titel",
            "problem": topic.problem,
            "proposal": topic.proposal,
            "fields": [world.field.pk],
            "touches_personal_data": "on",
            "touches_working_conditions": "on",
            "version": topic.version,
        }
        response = client.post(reverse("topics:topic_edit", args=[pk]), data)
        return response, lambda: Topic.objects.get(pk=pk).title == "Geänderter Titel"
    if action == "status":
        data = {"status": Topic.Status.WITHDRAWN, "version": topic.version}
        response = client.post(reverse("topics:topic_status", args=[pk]), data)
        return response, lambda: Topic.objects.get(pk=pk).status == Topic.Status.WITHDRAWN
    if action == "statement":
        data = {"result": "AGREED", "text": "", "given_on": timezone.localdate().isoformat()}
        url = reverse("topics:statement_give", args=[pk, statement.pk])
        response = client.post(url, data)
        return response, lambda: Statement.objects.get(pk=statement.pk).result == "AGREED"
    if action == "waive":
        url = reverse("topics:statement_waive", args=[pk, statement.pk])
        response = client.post(url, {"reason": "Entscheidung duldet keinen Aufschub."})
        return response, lambda: bool(Statement.objects.get(pk=statement.pk).override_reason)
    if action == "score":
        response = client.post(reverse("topics:topic_score", args=[pk]), _score_data(topic))
        return response, lambda: TopicScore.objects.filter(topic=topic, score=4).exists()
    if action == "criteria":
        response = client.post(reverse("topics:criteria_edit"), _criteria_data())
        return response, lambda: PriorityCriterion.objects.get(code="urgency").weight == 7
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, world, role, action, outcome):
    if role != "anonymous":
        client.force_login(world.users[role])
    before = topics_state()

    response, took_effect = _request(client, world, action)

    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == F:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.content.decode()[:3000]
        if took_effect is not None:
            assert response.status_code == 302, response.content.decode()[:5000]
            assert took_effect()
    if outcome != A:
        assert topics_state() == before


FORM_PAGES = ["topics:topic_edit", "topics:topic_score"]


@pytest.mark.parametrize("url_name", FORM_PAGES)
@pytest.mark.parametrize("role", ["reader", "chair", "officer"])
def test_non_staff_do_not_even_see_the_preparation_forms(client, world, url_name, role):
    client.force_login(world.users[role])
    assert client.get(reverse(url_name, args=[world.topic.pk])).status_code == 403


def test_a_statement_of_another_topic_is_not_found_under_this_one(client, world):
    from .factories import StatementFactory, TopicFactory

    other = StatementFactory(topic=TopicFactory(), kind=Statement.Kind.DISABILITY)
    client.force_login(world.users["staff"])
    url = reverse("topics:statement_give", args=[world.topic.pk, other.pk])
    assert client.get(url).status_code == 404
