"""The decision register (Beschlusscontrolling): order, filters, visibility, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance import queries
from governance.models import ActionItem
from organisations.tests.factories import OrgUnitFactory
from portfolio.tests.factories import InitiativeFactory

from .factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _meeting(committee, days_ago):
    start = timezone.now() - days_ago * DAY
    return MeetingFactory(organization=committee, start=start, end=None)


def _decision(committee, days_ago, **values):
    meeting = _meeting(committee, days_ago)
    item = AgendaItemFactory(meeting=meeting, position=1, title=values.pop("title", "TOP"))
    return DecisionFactory(
        agenda_item=item, decided_on=timezone.localdate() - days_ago * DAY, **values
    )


@pytest.fixture
def register(world):
    """Four decisions: the oldest and one in the middle have overdue action items."""
    today = world.today
    other_unit = OrgUnitFactory(body=world.county, name="Schulamt")
    recent = _decision(world.committee, 2, title="Neu ohne Verzug")
    ActionItemFactory(meeting=recent.agenda_item.meeting, decision=recent, due_date=today + DAY)
    overdue_old = _decision(world.committee, 90, title="Alt mit Verzug")
    ActionItemFactory(
        meeting=overdue_old.agenda_item.meeting,
        decision=overdue_old,
        due_date=today - 10 * DAY,
        owner_person=None,
        owner_unit=world.office,
    )
    settled = _decision(world.committee, 30, title="Erledigt")
    for status in (ActionItem.Status.DONE, ActionItem.Status.CANCELLED):
        ActionItemFactory(
            meeting=settled.agenda_item.meeting,
            decision=settled,
            due_date=today - 5 * DAY,
            status=status,
        )
    overdue_new = _decision(world.committee, 10, title="Mittel mit Verzug")
    ActionItemFactory(
        meeting=overdue_new.agenda_item.meeting,
        decision=overdue_new,
        due_date=today - DAY,
        status=ActionItem.Status.IN_PROGRESS,
    )
    elsewhere = _decision(world.other_committee, 1, title="Anderes Gremium")
    elsewhere.initiative = InitiativeFactory(owner_body=world.county, owner_unit=other_unit)
    elsewhere.save()
    return {
        "recent": recent,
        "overdue_old": overdue_old,
        "settled": settled,
        "overdue_new": overdue_new,
        "elsewhere": elsewhere,
        "other_unit": other_unit,
    }


def _titles(decisions):
    return [decision.agenda_item.title for decision in decisions]


def test_overdue_first_then_newest(world, register):
    decisions = queries.decision_register(world.users["staff"], today=world.today)
    assert _titles(decisions) == [
        "Mittel mit Verzug",
        "Alt mit Verzug",
        "Anderes Gremium",
        "Neu ohne Verzug",
        "Erledigt",
    ]
    assert [d.has_overdue for d in decisions] == [True, True, False, False, False]


def test_filters(world, register):
    staff = world.users["staff"]

    def titles(**filters):
        return _titles(queries.decision_register(staff, today=world.today, **filters))

    assert titles(organization=world.other_committee) == ["Anderes Gremium"]
    assert titles(date_from=world.today - 40 * DAY, date_to=world.today - 5 * DAY) == [
        "Mittel mit Verzug",
        "Erledigt",
    ]
    assert titles(owner_unit=world.office) == ["Alt mit Verzug"]
    assert titles(owner_unit=register["other_unit"]) == ["Anderes Gremium"]


def test_members_see_only_their_committees_decisions(world, register):
    assert _titles(queries.decision_register(world.users["other_member"], today=world.today)) == [
        "Anderes Gremium"
    ]
    assert len(queries.decision_register(world.users["member"], today=world.today)) == 4


def test_the_page_shows_overdue_items_initiatives_and_filters(client, world, register):
    client.force_login(world.users["staff"])
    url = reverse("governance:decision_register")
    html = client.get(url).content.decode()
    assert "Beschlusscontrolling" in html
    assert "5 Beschlüsse gefunden" in html
    assert "überfällige Aufträge" in html
    assert "(überfällig)" in html
    assert register["elsewhere"].initiative.get_absolute_url() in html
    html = client.get(url, {"organization": world.other_committee.pk}).content.decode()
    assert "1 Beschluss gefunden" in html
    html = client.get(url, {"date_from": "kein Datum"}).content.decode()
    assert "5 Beschlüsse gefunden" in html
    assert "Bitte ein gültiges Datum eingeben." in html


def test_a_member_may_not_filter_for_a_committee_they_do_not_see(client, world, register):
    client.force_login(world.users["member"])
    url = reverse("governance:decision_register")
    html = client.get(url, {"organization": world.other_committee.pk}).content.decode()
    assert "Anderes Gremium" not in html


# Query counts ------------------------------------------------------------------------------


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def _grow(world, total):
    """`total` meetings of the committee, each with two items, a decision with an initiative,
    guests and two action items; the first meeting collects an item per meeting too."""
    first = world.meeting
    for number in range(total):
        meeting = _meeting(world.committee, 100 + number)
        unit = OrgUnitFactory(body=world.county)
        for target in (meeting, first):
            item = AgendaItemFactory(
                meeting=target, guests=[world.people["guest"], world.people["member"]]
            )
            decision = DecisionFactory(
                agenda_item=item,
                outcome="APPROVED",
                priority="A",
                initiative=InitiativeFactory(owner_body=world.county, owner_unit=unit),
            )
            for due in (world.today - DAY, world.today + DAY):
                ActionItemFactory(meeting=target, decision=decision, due_date=due, owner_unit=unit)


@pytest.mark.parametrize(
    ("role", "url_name", "args", "params"),
    [
        ("staff", "governance:decision_register", None, {}),
        ("member", "governance:decision_register", None, {"date_from": "2000-01-01"}),
        ("staff", "governance:organization_list", None, {}),
        ("staff", "governance:organization_detail", "committee", {}),
        ("member", "governance:meeting_list", "committee", {}),
        ("staff", "governance:meeting_detail", "meeting", {}),
        ("member", "governance:meeting_detail", "meeting", {}),
        ("guest", "governance:meeting_detail", "meeting", {}),
        ("member", "governance:meeting_minutes", "meeting", {}),
        ("staff", "governance:agenda_edit", "meeting", {}),
        ("staff", "governance:attendance_edit", "meeting", {}),
    ],
)
def test_queries_do_not_grow_with_the_meetings(
    client, world, django_assert_num_queries, role, url_name, args, params
):
    client.force_login(world.users[role])
    target = {"committee": world.committee, "meeting": world.meeting}.get(args)
    url = reverse(url_name, args=[target.pk] if target else [])

    _grow(world, 5)
    client.get(url, params)  # warm up caches filled once per process
    queries_with_5 = _count_queries(client, url, params)

    _grow(world, 45)
    with django_assert_num_queries(queries_with_5):
        response = client.get(url, params)
    assert response.status_code == 200
    assert queries_with_5 <= 20
