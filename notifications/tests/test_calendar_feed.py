"""The personal calendar feed: its settings page and the secret .ics URL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from accounts.tests.factories import UserFactory
from governance.models import Meeting
from notifications.models import CalendarFeed

from .factories import (
    BERLIN,
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonWithEmailFactory,
)

pytestmark = pytest.mark.django_db

CALENDAR_URL = reverse("notifications:calendar")


@pytest.fixture
def person():
    return PersonWithEmailFactory()


@pytest.fixture
def user(person):
    return UserFactory(person=person)


def _feed_url(feed):
    return reverse("notifications:calendar_feed", args=[feed.token])


def _events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def _soon(days):
    return datetime.datetime.now(BERLIN).replace(microsecond=0) + datetime.timedelta(days=days)


def test_page_requires_login(client):
    response = client.get(CALENDAR_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_page_offers_to_create_the_link_and_creates_it_on_post(client, user):
    client.force_login(user)

    page = client.get(CALENDAR_URL)
    assert page.status_code == 200
    assert "Kalender-Link erstellen" in page.content.decode()
    assert not CalendarFeed.objects.exists()

    response = client.post(CALENDAR_URL, follow=True)

    feed = CalendarFeed.objects.get(user=user)
    content = response.content.decode()
    assert f"http://testserver{_feed_url(feed)}" in content
    assert "Ihr Kalender-Link wurde erstellt." in content


def test_renewing_revokes_the_old_link_at_once(client, user):
    feed = CalendarFeed.objects.create(user=user)
    old_url = _feed_url(feed)
    assert client.get(old_url).status_code == 200
    client.force_login(user)

    response = client.post(CALENDAR_URL, follow=True)

    feed.refresh_from_db()
    assert _feed_url(feed) != old_url
    assert "Der alte Link funktioniert nicht mehr." in response.content.decode()
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(_feed_url(feed)).status_code == 200


def test_unknown_token_is_404(client):
    assert client.get(reverse("notifications:calendar_feed", args=["unbekannt"])).status_code == 404


def test_feed_of_an_inactive_user_is_404(client, user):
    feed = CalendarFeed.objects.create(user=user)
    user.is_active = False
    user.save()

    assert client.get(_feed_url(feed)).status_code == 404


def test_feed_shows_only_the_users_meetings(client, user, person):
    own = MembershipFactory(person=person).organization
    MeetingFactory(organization=own, name="Eigene Sitzung", start=_soon(10))
    MeetingFactory(
        organization=own,
        name="Abgesagte Sitzung",
        start=_soon(11),
        state=Meeting.State.CANCELLED,
    )
    MeetingFactory(name="Fremde Sitzung", start=_soon(12))
    guest_meeting = MeetingFactory(name="Sitzung als Gast", start=_soon(13))
    AgendaItemFactory(meeting=guest_meeting, number="1", title="Geheimer Punkt")
    AgendaItemFactory(meeting=guest_meeting, number="2", title="Mein Punkt", guests=[person])
    former = MembershipFactory(person=person, end_date=datetime.date(2020, 1, 1)).organization
    MeetingFactory(organization=former, name="Nach dem Ausscheiden", start=_soon(14))
    feed = CalendarFeed.objects.create(user=user)

    response = client.get(_feed_url(feed))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response)
    assert set(events) == {"Eigene Sitzung", "Abgesagte Sitzung", "Sitzung als Gast"}
    assert str(events["Abgesagte Sitzung"]["STATUS"]) == "CANCELLED"
    guest_description = str(events["Sitzung als Gast"]["DESCRIPTION"])
    assert "TOP 2: Mein Punkt" in guest_description
    assert "Geheimer Punkt" not in guest_description
    assert events["Eigene Sitzung"]["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_user_without_person_gets_an_empty_feed(client):
    user = UserFactory()
    MeetingFactory(start=_soon(3))
    feed = CalendarFeed.objects.create(user=user)

    response = client.get(_feed_url(feed))

    assert response.status_code == 200
    assert _events(response) == {}


def _feed_queries(client, feed):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_feed_url(feed))
    assert response.status_code == 200
    return len(queries), len(_events(response))


def test_feed_query_count_is_constant(client, user, person):
    committee = OrganizationFactory()
    MembershipFactory(organization=committee, person=person)
    feed = CalendarFeed.objects.create(user=user)

    def add_meetings(count):
        for _ in range(count):
            meeting = MeetingFactory(organization=committee, start=_soon(5))
            AgendaItemFactory(meeting=meeting, guests=[PersonWithEmailFactory()])
            guest_meeting = MeetingFactory(start=_soon(6))
            AgendaItemFactory(meeting=guest_meeting, guests=[person])

    add_meetings(5)
    few_queries, few_events = _feed_queries(client, feed)
    add_meetings(45)
    many_queries, many_events = _feed_queries(client, feed)

    assert (few_events, many_events) == (10, 100)
    assert few_queries == many_queries
    assert many_queries <= 4


def test_line_breaks_in_a_meeting_add_no_property_to_the_feed(client, user, person):
    injection = "x\r\nATTENDEE:mailto:evil@example.org\nEND:VEVENT"
    own = MembershipFactory(person=person).organization
    meeting = MeetingFactory(
        organization=own, name=f"Sitzung {injection}", location=injection, start=_soon(10)
    )
    AgendaItemFactory(meeting=meeting, number="1", title=injection)
    feed = CalendarFeed.objects.create(user=user)

    response = client.get(_feed_url(feed))

    ics = response.content.decode()
    lines = ics.removesuffix("\r\n").split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = ics.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")
    assert not [line for line in unfolded if line.startswith("ATTENDEE")]
    assert unfolded.count("END:VEVENT") == 1
    (event,) = _events(response).values()
    assert str(event["SUMMARY"]) == "Sitzung x\nATTENDEE:mailto:evil@example.org\nEND:VEVENT"
    assert str(event["DESCRIPTION"]) == "TOP 1: x\nATTENDEE:mailto:evil@example.org\nEND:VEVENT"
