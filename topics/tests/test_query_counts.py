"""The list, the ranking and the detail page run as many queries with 100 topics as with 10.

Every topic gets several fields of action, scores on every criterion and statements, so that a
query per row (N+1) would show.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.tests.factories import FieldOfActionFactory
from topics.models import PriorityCriterion, Statement, Topic, TopicScore

from .factories import StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


class Topics:
    def __init__(self, world):
        self.world = world
        self.fields = [world.field, FieldOfActionFactory(), FieldOfActionFactory()]
        self.criteria = list(PriorityCriterion.objects.all())
        self.submitters = [world.users["municipality_editor_own"], world.users["reader"]]

    def grow_to(self, total):
        for number in range(Topic.objects.count(), total):
            topic = TopicFactory(
                title=f"Thema {number:03d}",
                submitted_by=self.submitters[number % 2],
                status=(Topic.Status.IN_PREPARATION, Topic.Status.READY_FOR_DECISION)[number % 2],
                legal_obligation="OZG" if number % 5 == 0 else "",
                deadline=datetime.date(2030, 1, 1 + number % 28) if number % 5 == 0 else None,
                fields=self.fields,
            )
            TopicScore.objects.bulk_create(
                TopicScore(topic=topic, criterion=c, score=(number + c.pk) % 6, reason="x")
                for c in self.criteria
            )
            StatementFactory(topic=topic, kind=Statement.Kind.DATA_PROTECTION)
        assert Topic.objects.count() == total


def _count_queries(client, url, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("role", "url_name", "params"),
    [
        ("staff", "topics:topic_list", {}),
        ("staff", "topics:topic_list", {"status": "IN_PREPARATION", "field": "FIELD"}),
        ("municipality_editor_own", "topics:topic_list", {}),
        ("officer", "topics:topic_list", {}),
        ("staff", "topics:topic_ranking", {}),
        ("staff", "topics:topic_detail", None),
        ("officer", "topics:topic_detail", None),
    ],
)
def test_queries_do_not_grow_with_the_topics(
    client, world, django_assert_num_queries, role, url_name, params
):
    client.force_login(world.users[role])
    if params is None:
        url, params = reverse(url_name, args=[world.topic.pk]), {}
    else:
        url = reverse(url_name)
        params = {k: world.field.pk if v == "FIELD" else v for k, v in params.items()}
    topics = Topics(world)

    topics.grow_to(10)
    client.get(url, params)  # warm up caches that are filled once per process
    queries_with_10 = _count_queries(client, url, params)

    topics.grow_to(100)
    with django_assert_num_queries(queries_with_10):
        response = client.get(url, params)
    assert response.status_code == 200
    assert queries_with_10 <= 25
