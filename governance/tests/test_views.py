"""The pages through the test client: what the staff unit and members see and do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import actions
from governance.models import ActionItem, AgendaItem, Attendance, Decision, Location, Meeting
from portfolio.models import Initiative
from topics.models import Topic

from .conftest import governance_state, ready_topic
from .factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.users["staff"])
    return client


def test_committee_pages_for_the_staff_unit(staff_client, world):
    html = _page(staff_client, reverse("governance:organization_list"))
    assert "<h1" in html
    assert "Gremien" in html
    assert "Lenkungsgruppe Digitalisierung" in html
    assert "Ausschuss für Digitalisierung" in html
    html = _page(staff_client, world.committee.get_absolute_url())
    assert "Mitglieder" in html
    assert "Landrat" in html
    assert "Vorsitz" in html
    assert "nicht aktuell" in html  # the former member
    assert "Sitzung planen" in html
    html = _page(staff_client, reverse("governance:meeting_list", args=[world.committee.pk]))
    assert world.meeting.get_absolute_url() in html


def test_a_member_sees_only_their_committees(client, world):
    client.force_login(world.users["member"])
    html = _page(client, reverse("governance:organization_list"))
    assert "Lenkungsgruppe Digitalisierung" in html
    assert "Ausschuss für Digitalisierung" not in html
    assert "Sitzung planen" not in _page(client, world.committee.get_absolute_url())


def test_plan_a_meeting_through_the_form(staff_client, world):
    day = timezone.localdate() + datetime.timedelta(days=14)
    response = staff_client.post(
        reverse("governance:meeting_create", args=[world.committee.pk]),
        {"start": f"{day}T10:00", "end": f"{day}T12:00", "location": "Kreishaus, Raum 1.23"},
    )
    meeting = Meeting.objects.order_by("-pk").first()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.start).hour == 10


def test_a_meeting_without_place_shows_the_error_at_its_field(staff_client, world):
    day = timezone.localdate() + datetime.timedelta(days=14)
    before = governance_state()
    response = staff_client.post(
        reverse("governance:meeting_create", args=[world.committee.pk]),
        {"start": f"{day}T10:00", "end": f"{day}T09:00"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Es wurde nichts gespeichert" in html
    assert "Geben Sie einen Ort oder einen Link zur Online-Sitzung an." in html
    assert "Die Sitzung muss nach ihrem Beginn enden." in html
    assert governance_state() == before


def test_the_agenda_builder_adds_topics_and_standing_items(staff_client, world):
    url = reverse("governance:agenda_edit", args=[world.meeting.pk])
    html = _page(staff_client, url)
    assert "E-Akte im Schulamt" in html
    assert "Bericht der Stabsstelle" in html
    response = staff_client.post(
        url, {"topics": [world.topic.pk], "standing_kinds": ["MINUTES_APPROVAL"]}
    )
    assert response.status_code == 302
    assert list(
        AgendaItem.objects.filter(meeting=world.meeting)
        .order_by("position")
        .values_list("number", "title")
    ) == [
        ("1", "Bericht der Stabsstelle"),
        ("2", "Vertrauliches"),
        ("3", "Genehmigung der Niederschrift"),
        ("4", "E-Akte im Schulamt"),
    ]


def test_the_agenda_builder_refuses_a_topic_not_ready(staff_client, world):
    unready = ready_topic(title="Unfertig", status=Topic.Status.IN_PREPARATION)
    before = governance_state()
    response = staff_client.post(
        reverse("governance:agenda_edit", args=[world.meeting.pk]),
        {"topics": [world.topic.pk, unready.pk], "standing_kinds": ["STAFF_UNIT_REPORT"]},
    )
    assert response.status_code == 200
    assert "nicht entscheidungsreif" in response.content.decode()
    assert governance_state() == before


def test_move_and_remove_agenda_items(staff_client, world):
    move = reverse("governance:agenda_item_move", args=[world.meeting.pk, world.other_item.pk])
    assert staff_client.post(move, {"direction": "up"}).status_code == 302
    world.other_item.refresh_from_db()
    assert world.other_item.number == "1"
    remove = reverse("governance:agenda_item_remove", args=[world.meeting.pk, world.other_item.pk])
    assert "entfernen?" in _page(staff_client, remove)
    assert staff_client.post(remove).status_code == 302
    assert not AgendaItem.objects.filter(pk=world.other_item.pk).exists()


def test_an_item_with_a_decision_is_not_removed(staff_client, world):
    item = world.guest_item
    item.kind, item.topic = AgendaItem.Kind.TOPIC, world.topic
    item.save()
    actions.record_decision(
        acting_user=world.users["staff"], item=item, outcome="REJECTED", text="Nein."
    )
    before = governance_state()
    remove = reverse("governance:agenda_item_remove", args=[world.meeting.pk, item.pk])
    response = staff_client.post(remove)
    assert response.status_code == 200
    assert "Ein Tagesordnungspunkt mit erfasstem Beschluss" in response.content.decode()
    assert governance_state() == before


def test_record_an_approval_through_the_form(staff_client, world):
    staff_client.post(
        reverse("governance:agenda_edit", args=[world.meeting.pk]), {"topics": [world.topic.pk]}
    )
    item = AgendaItem.objects.get(topic=world.topic)
    url = reverse("governance:decision_create", args=[world.meeting.pk, item.pk])
    response = staff_client.post(url, {"outcome": "APPROVED", "priority": "", "text": "Ja."})
    assert "braucht eine Priorität" in response.content.decode()
    assert not Decision.objects.exists()
    response = staff_client.post(url, {"outcome": "APPROVED", "priority": "B", "text": "Ja."})
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.decisions.get().agenda_item == item
    html = _page(staff_client, world.meeting.get_absolute_url())
    assert "Beschlossen" in html
    assert initiative.get_absolute_url() in html


def test_the_decision_form_says_what_is_required_when(staff_client, world):
    url = reverse("governance:decision_create", args=[world.meeting.pk, world.other_item.pk])
    html = _page(staff_client, url)
    assert '<legend class="kern-label">Ergebnis</legend>' in html
    assert 'Priorität <span class="kern-label__optional">– Pflicht bei Zustimmung</span>' in html
    assert '<label class="kern-label" for="id_text">Beschlusstext</label>' in html
    assert "– optional" not in html.split("<main")[1]
    before = governance_state()
    response = staff_client.post(url, {"outcome": "", "priority": "", "text": " "})
    errors = response.content.decode()
    assert "Wählen Sie das Ergebnis" in errors
    assert "Geben Sie den Text des Beschlusses ein." in errors
    assert governance_state() == before


def test_record_decision_is_offered_only_where_it_can_be_taken(staff_client, world):
    item_url = reverse(
        "governance:agenda_item_detail", args=[world.meeting.pk, world.other_item.pk]
    )
    decide_url = reverse("governance:decision_create", args=[world.meeting.pk, world.other_item.pk])
    assert f'href="{decide_url}"' in _page(staff_client, item_url)
    Meeting.objects.filter(pk=world.meeting.pk).update(
        start=timezone.now() + datetime.timedelta(days=7), end=None
    )
    html = _page(staff_client, item_url)
    assert f'href="{decide_url}"' not in html
    assert "Ein Beschluss kann erst ab dem Tag der Sitzung erfasst werden." in html


def test_attendance_minutes_guests_and_action_items(staff_client, world):
    meeting = world.meeting
    chair = world.people["chair"]
    response = staff_client.post(
        reverse("governance:attendance_edit", args=[meeting.pk]),
        {f"person_{chair.pk}": "PRESENT", f"person_{world.people['guest'].pk}": "EXCUSED"},
    )
    assert response.status_code == 302
    assert Attendance.objects.count() == 2
    item_url = [meeting.pk, world.other_item.pk]
    staff_client.post(
        reverse("governance:agenda_item_minutes", args=item_url), {"minutes": "Beraten."}
    )
    staff_client.post(
        reverse("governance:agenda_item_guests", args=item_url),
        {"guests": [world.people["guest"].pk]},
    )
    world.other_item.refresh_from_db()
    assert world.other_item.minutes == "Beraten."
    assert world.other_item.guests.get() == world.people["guest"]
    due = timezone.localdate() + datetime.timedelta(days=10)
    response = staff_client.post(
        reverse("governance:action_item_create", args=[meeting.pk]),
        {
            "title": "Konzept vorlegen",
            "owner_unit": world.office.pk,
            "due_date": due,
            "status": "OPEN",
        },
    )
    assert response.status_code == 302
    action_item = ActionItem.objects.get()
    response = staff_client.post(
        reverse("governance:action_item_edit", args=[meeting.pk, action_item.pk]),
        {
            "title": "Konzept vorlegen",
            "owner_unit": world.office.pk,
            "due_date": due,
            "status": "DONE",
            "version": action_item.version,
        },
    )
    assert response.status_code == 302
    action_item.refresh_from_db()
    assert action_item.done_on == timezone.localdate()
    html = _page(staff_client, reverse("governance:meeting_minutes", args=[meeting.pk]))
    assert "Niederschrift der Sitzung" in html
    assert "Beraten." in html
    assert "Konzept vorlegen" in html


def test_an_action_item_without_owner_is_refused_at_its_field(staff_client, world):
    before = governance_state()
    response = staff_client.post(
        reverse("governance:action_item_create", args=[world.meeting.pk]),
        {"title": "Ohne", "due_date": timezone.localdate(), "status": "OPEN"},
    )
    assert "Nennen Sie eine verantwortliche Person oder Organisationseinheit." in (
        response.content.decode()
    )
    assert governance_state() == before


def test_mark_held_and_approve_minutes(staff_client, world):
    assert (
        staff_client.post(reverse("governance:meeting_held", args=[world.meeting.pk])).status_code
        == 302
    )
    world.meeting.refresh_from_db()
    assert world.meeting.state == Meeting.State.HELD
    later = Meeting.objects.create(
        organization=world.committee,
        start=world.meeting.start + datetime.timedelta(hours=3),
        location="Raum 2",
    )
    response = staff_client.post(
        reverse("governance:minutes_approve", args=[world.meeting.pk]), {"in_meeting": later.pk}
    )
    assert response.status_code == 302
    world.meeting.refresh_from_db()
    assert world.meeting.minutes_approved_in == later


def test_the_guest_page_shows_only_their_item(client, world):
    ActionItemFactory(meeting=world.meeting, title="Geheimer Auftrag")
    client.force_login(world.users["guest"])
    html = _page(client, reverse("governance:organization_list"))
    assert "Ihre Einladungen als Gast" not in html  # the meeting was yesterday
    html = _page(client, world.meeting.get_absolute_url())
    assert "Bericht der Stabsstelle" in html
    assert "Vertrauliches" not in html
    assert "Geheimer Auftrag" not in html
    assert "als Gast eingeladen" in html


def test_the_item_page_shows_the_frozen_ranking_to_members_not_guests(client, world):
    staff = world.users["staff"]
    world.guest_item.kind, world.guest_item.topic = AgendaItem.Kind.TOPIC, world.topic
    world.guest_item.save()
    actions.record_decision(
        acting_user=staff, item=world.guest_item, outcome="REJECTED", text="Nein."
    )
    url = reverse("governance:agenda_item_detail", args=[world.meeting.pk, world.guest_item.pk])
    client.force_login(world.users["member"])
    html = _page(client, url)
    assert "Rangfolge zum Zeitpunkt des Beschlusses" in html
    assert "T-" in html
    client.force_login(world.users["guest"])
    html = _page(client, url)
    assert "Abgelehnt" in html
    assert "Rangfolge zum Zeitpunkt des Beschlusses" not in html


def _next_step(html):
    if 'id="next-step-heading"' not in html:
        return None
    return html.split('id="next-step-heading"')[1].split("</div>\n</div>")[0]


def test_the_meeting_page_offers_the_next_step(staff_client, world):
    meeting, url = world.meeting, world.meeting.get_absolute_url()
    held_url = reverse("governance:meeting_held", args=[meeting.pk])
    step = _next_step(_page(staff_client, url))
    assert "Der Tag der Sitzung ist gekommen" in step
    assert f'action="{held_url}"' in step
    staff_client.post(held_url)
    step = _next_step(_page(staff_client, url))
    assert "noch nicht geplant" in step
    assert reverse("governance:meeting_create", args=[world.committee.pk]) in step
    Meeting.objects.create(
        organization=world.committee, start=meeting.start + datetime.timedelta(days=30)
    )
    step = _next_step(_page(staff_client, url))
    assert reverse("governance:minutes_approve", args=[meeting.pk]) in step


def test_a_future_meeting_is_not_offered_as_held(staff_client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        start=timezone.now() + datetime.timedelta(days=7), end=None
    )
    html = _page(staff_client, world.meeting.get_absolute_url())
    assert reverse("governance:meeting_held", args=[world.meeting.pk]) not in html
    assert "Es ist noch keine Einladung versandt." in _next_step(html)
    assert "Einladungen versenden" in _next_step(html)


def test_the_meeting_page_shows_its_venue(staff_client, world):
    venue = Location.objects.create(
        description="Kreishaus Siegburg",
        street_address="Kaiser-Wilhelm-Platz 1",
        postal_code="53721",
        locality="Siegburg",
        room="Großer Sitzungssaal",
    )
    Meeting.objects.filter(pk=world.meeting.pk).update(venue=venue, location="")
    html = _page(staff_client, world.meeting.get_absolute_url())
    assert (
        "Kreishaus Siegburg, Großer Sitzungssaal<br>Kaiser-Wilhelm-Platz 1, 53721 Siegburg" in html
    )


def test_the_action_item_list_shows_what_each_member_may_read(client, world):
    today = timezone.localdate()
    late = ActionItemFactory(meeting=world.meeting, due_date=today - datetime.timedelta(days=3))
    due = ActionItemFactory(meeting=world.meeting, due_date=today + datetime.timedelta(days=3))
    elsewhere_meeting = Meeting.objects.create(
        organization=world.other_committee, start=world.meeting.start
    )
    elsewhere = ActionItemFactory(
        meeting=elsewhere_meeting, due_date=today - datetime.timedelta(days=1)
    )
    url = reverse("governance:action_item_list")
    client.force_login(world.users["member"])
    html = _page(client, url)
    assert late.title in html
    assert due.title in html
    assert elsewhere.title not in html
    overdue = _page(client, f"{url}?overdue=on")
    assert late.title in overdue
    assert due.title not in overdue
    assert "(überfällig)" in overdue
    client.force_login(world.users["staff"])
    assert elsewhere.title in _page(client, url)


@pytest.mark.parametrize("count", [3, 30])
def test_the_action_item_list_needs_a_constant_number_of_queries(
    staff_client, world, django_assert_num_queries, count
):
    for _ in range(count):
        ActionItemFactory(meeting=world.meeting, owner_unit=world.office)
    staff_client.get(reverse("governance:action_item_list"))
    # Session, user; committees and units of the filter, count, page of items.
    with django_assert_num_queries(6):
        staff_client.get(reverse("governance:action_item_list"))
