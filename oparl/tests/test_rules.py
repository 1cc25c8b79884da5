"""The OParl rules: public data only, pagination, filters, tombstones, errors, CORS."""

import datetime
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting, Organization
from oparl.models import Tombstone
from papers.models import Paper

from . import factories as f
from .oparl_client import get, list_items, path_of


def url(slug, pk):
    return reverse("oparl:object", args=[slug, pk])


def body_list(body, slug):
    return reverse("oparl:body_object_list", args=[body.pk, slug])


def ids(items):
    return {item["id"].rsplit("/", 2)[-2] for item in items}


# Public data only ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "attribute"),
    [
        ("organization", "steering_group"),
        ("meeting", "steering_meeting"),
        ("membership", "steering_membership"),
        ("person", "steering_only_person"),
        ("agenda-item", "internal_item"),
        ("paper", "internal_paper"),
        ("file", "internal_file"),
    ],
)
def test_internal_objects_are_refused(client, world, slug, attribute):
    pk = getattr(world, attribute).pk
    error = get(client, url(slug, pk), status=404)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"] == "Das Objekt gibt es nicht oder es ist nicht öffentlich."


def test_imported_objects_are_not_republished(client, world):
    imported = f.PaperFactory(body=world.county, external_id="https://ris.example.org/paper/1")
    get(client, url("paper", imported.pk), status=404)
    assert str(imported.pk) not in ids(list_items(client, body_list(world.county, "paper")))


def test_lists_hold_only_public_objects(client, world):
    county = world.county
    expected = {
        "organization": {world.committee.pk},
        "meeting": {world.meeting.pk},
        "membership": {world.membership.pk},
        "person": {world.person.pk},
        "agenda-item": {world.item.pk},
        "paper": set(Paper.objects.filter(is_public=True).values_list("pk", flat=True)),
        "consultation": {world.consultation.pk, world.closed_consultation.pk},
        "file": {world.paper_file.pk, world.meeting_file.pk},
        "location": {world.venue.pk},
        "legislative-term": {world.term.pk},
    }
    for slug, pks in expected.items():
        assert ids(list_items(client, body_list(county, slug))) == {str(pk) for pk in pks}, slug


def test_embedded_objects_and_references_leak_nothing_internal(client, world):
    person = get(client, url("person", world.person.pk))
    assert [m["id"] for m in person["membership"]] == [
        f"http://testserver{url('membership', world.membership.pk)}"
    ]
    # Data protection: names only.
    assert "email" not in person
    assert "phone" not in person
    assert "geheim@example.org" not in json.dumps(person)

    meeting = get(client, url("meeting", world.meeting.pk))
    assert [item["name"] for item in meeting["agendaItem"]] == [world.item.title]

    paper = get(client, url("paper", world.paper.pk))
    text = json.dumps(paper)
    for slug, obj in (
        ("paper", world.internal_paper),
        ("organization", world.steering_group),
        ("meeting", world.steering_meeting),
        ("agenda-item", world.internal_item),
    ):
        assert url(slug, obj.pk) not in text, slug
    assert [c["id"] for c in paper["consultation"]] == [
        f"http://testserver{url('consultation', c.pk)}"
        for c in (world.consultation, world.closed_consultation)
    ]
    assert "agendaItem" not in paper["consultation"][1]
    assert paper["mainFile"]["accessUrl"].endswith(
        reverse("oparl:file_access", args=[world.paper_file.pk])
    )
    organization = get(client, url("organization", world.committee.pk))
    assert organization["membership"] == [
        f"http://testserver{url('membership', world.membership.pk)}"
    ]


def test_files_are_served_when_public(client, world):
    response = client.get(reverse("oparl:file_download", args=[world.paper_file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Vorlagentext"
    assert "attachment" in response["Content-Disposition"]
    assert response["Access-Control-Allow-Origin"] == "*"
    inline = client.get(reverse("oparl:file_access", args=[world.paper_file.pk]))
    assert "attachment" not in inline.get("Content-Disposition", "")
    get(client, reverse("oparl:file_download", args=[world.internal_file.pk]), status=404)


# Lists: pagination and filters ---------------------------------------------------------------


def test_pages_link_to_each_other_and_keep_filters_and_size(client, world):
    for _ in range(4):
        f.PaperFactory(body=world.county)
    pks = sorted(Paper.objects.filter(is_public=True).values_list("pk", flat=True))
    assert len(pks) == 6
    since = "2000-01-01T00:00:00+01:00"
    first_url = f"{body_list(world.county, 'paper')}?modified_since={since.replace('+', '%2B')}"
    first = get(client, f"{first_url}&limit=4")
    assert first["pagination"] == {
        "totalElements": 6,
        "elementsPerPage": 4,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert [item["id"].rsplit("/", 2)[-2] for item in first["data"]] == [str(p) for p in pks[:4]]
    links = first["links"]
    assert "prev" not in links
    assert links["next"] == links["last"]
    query = parse_qs(urlsplit(links["next"]).query)
    assert query == {"modified_since": [since], "limit": ["4"], "page": ["2"]}
    second = get(client, path_of(links["next"]))
    assert [item["id"].rsplit("/", 2)[-2] for item in second["data"]] == [str(p) for p in pks[4:]]
    assert "next" not in second["links"]
    assert second["links"]["prev"] == links["first"]
    assert parse_qs(urlsplit(links["first"]).query) == {
        "modified_since": [since],
        "limit": ["4"],
    }


def test_page_size_is_bounded(client, world):
    page = get(client, f"{body_list(world.county, 'paper')}?elementsPerPage=5000")
    assert page["pagination"]["elementsPerPage"] == 100


def test_date_filters_select_by_created_and_modified(client, world):
    old = f.PaperFactory(body=world.county)
    Paper.objects.filter(pk=old.pk).update(
        created=timezone.now() - datetime.timedelta(days=30),
        modified=timezone.now() - datetime.timedelta(days=30),
    )
    cut = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    base = body_list(world.county, "paper")
    query = {"created_since": cut}
    recent = list_items(client, f"{base}?{urlencode(query)}")
    assert str(old.pk) not in ids(recent)
    assert str(world.paper.pk) in ids(recent)
    assert ids(list_items(client, f"{base}?{urlencode({'modified_until': cut})}")) == {str(old.pk)}
    assert ids(list_items(client, f"{base}?{urlencode({'created_until': cut})}")) == {str(old.pk)}
    assert str(old.pk) not in ids(
        list_items(client, f"{base}?{urlencode({'modified_since': cut})}")
    )


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=gestern",
        "created_since=2024-01-01T00:00:00",  # no time zone
        "modified_until=2024-13-01T00:00:00%2B01:00",
        "limit=null",
        "page=0",
    ],
)
def test_bad_parameters_get_an_error_object(client, world, query):
    error = get(client, f"{body_list(world.county, 'paper')}?{query}", status=400)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"].startswith("Der Parameter") or error["message"].startswith("Der Filter")
    assert error["debug"]


def test_a_page_beyond_the_end_is_not_found(client, world):
    get(client, f"{body_list(world.county, 'paper')}?page=9", status=404)


# Tombstones ---------------------------------------------------------------------------------


def test_a_deleted_object_becomes_a_tombstone_also_in_lists(client, world):
    paper = f.PaperFactory(body=world.county)
    pk, created = paper.pk, paper.created
    before = timezone.now()
    paper.delete()
    stone = get(client, url("paper", pk))
    assert stone == {
        "id": f"http://testserver{url('paper', pk)}",
        "type": "https://schema.oparl.org/1.1/Paper",
        "created": timezone.localtime(created).isoformat(timespec="seconds"),
        "modified": stone["modified"],
        "deleted": True,
    }
    assert datetime.datetime.fromisoformat(stone["modified"]) >= before.replace(microsecond=0)
    base = body_list(world.county, "paper")
    since = urlencode({"modified_since": before.isoformat()})
    assert list_items(client, f"{base}?{since}") == [stone]
    everything = list_items(client, base)
    assert stone in everything
    # Sorted by pk with the live ones.
    assert [item["id"] for item in everything] == sorted(
        (item["id"] for item in everything), key=lambda u: int(u.rsplit("/", 2)[-2])
    )


def test_sub_objects_and_cascades_leave_tombstones(client, world):
    meeting_pk, item_pk, internal_item_pk = world.meeting.pk, world.item.pk, world.internal_item.pk
    consultation_pk = world.consultation.pk
    world.paper.consultations.all().delete()
    world.meeting.files.all().delete()
    world.meeting.delete()
    assert get(client, url("meeting", meeting_pk))["deleted"] is True
    assert get(client, url("agenda-item", item_pk))["deleted"] is True
    assert get(client, url("consultation", consultation_pk))["deleted"] is True
    # It was never published, so there is nothing to mourn.
    get(client, url("agenda-item", internal_item_pk), status=404)


def test_deleting_a_sub_object_marks_its_parents_modified(client, world):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Paper.objects.filter(pk=world.paper.pk).update(modified=long_ago)
    Organization.objects.filter(pk=world.committee.pk).update(modified=long_ago)
    world.consultation.delete()
    world.membership.delete()
    world.paper.refresh_from_db()
    world.committee.refresh_from_db()
    assert world.paper.modified > long_ago
    assert world.committee.modified > long_ago


def test_internal_objects_leave_no_tombstone(client, world):
    internal_pk, steering_meeting_pk = world.internal_paper.pk, world.steering_meeting.pk
    world.internal_paper.delete()
    world.steering_meeting.consultations.update(meeting=None)
    world.steering_meeting.delete()
    get(client, url("paper", internal_pk), status=404)
    get(client, url("meeting", steering_meeting_pk), status=404)
    assert not Tombstone.objects.filter(oparl_type__in=["Paper", "Meeting"]).exists()


def test_a_paper_withdrawn_from_the_public_becomes_a_tombstone_until_published_again(client, world):
    paper = world.paper
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Meeting.objects.filter(pk=world.meeting.pk).update(modified=long_ago)
    before = timezone.now()
    paper.is_public = False
    paper.save()

    for slug, pk in [
        ("paper", paper.pk),
        ("consultation", world.consultation.pk),
        ("file", world.paper_file.pk),
    ]:
        assert get(client, url(slug, pk))["deleted"] is True, slug
    since = urlencode({"modified_since": before.isoformat()})
    changed = list_items(client, f"{body_list(world.county, 'paper')}?{since}")
    assert [(item["id"], item.get("deleted")) for item in changed] == [
        (f"http://testserver{url('paper', paper.pk)}", True)
    ]
    # The meeting embedding the consultation changed for clients, too.
    world.meeting.refresh_from_db()
    assert world.meeting.modified >= before
    # Papers never published stay unknown.
    assert not Tombstone.objects.filter(original_pk=world.internal_paper.pk).exists()

    paper.is_public = True
    paper.save()
    assert "deleted" not in get(client, url("paper", paper.pk))
    assert "deleted" not in get(client, url("consultation", world.consultation.pk))
    paper_ids = [item["id"] for item in list_items(client, body_list(world.county, "paper"))]
    assert paper_ids.count(f"http://testserver{url('paper', paper.pk)}") == 1


def test_an_agenda_item_withdrawn_from_the_public_becomes_a_tombstone(client, world):
    world.item.is_public = False
    world.item.save()
    assert get(client, url("agenda-item", world.item.pk))["deleted"] is True
    meeting = get(client, url("meeting", world.meeting.pk))
    withdrawn_id = f"http://testserver{url('agenda-item', world.item.pk)}"
    assert withdrawn_id not in [item["id"] for item in meeting.get("agendaItem", [])]


def test_a_rolled_back_withdrawal_leaves_no_tombstone(client, world):
    def withdraw_then_fail():
        with transaction.atomic():
            world.paper.is_public = False
            world.paper.save()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        withdraw_then_fail()
    assert not Tombstone.objects.exists()
    assert "deleted" not in get(client, url("paper", world.paper.pk))


# Errors, methods, CORS ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, world, method):
    response = getattr(client, method)(url("paper", world.paper.pk))
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"
    assert Paper.objects.filter(pk=world.paper.pk).exists()


@pytest.mark.parametrize(
    "path",
    ["/oparl/v1.1/unbekannt/", "/oparl/v1.1/sitzung/1/", "/oparl/v1.1/paper/999999/"],
)
def test_unknown_addresses_get_an_error_object(client, db, path):
    error = get(client, path, status=404)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"


def test_error_messages_follow_the_chosen_language(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    error = get(client, url("paper", world.internal_paper.pk), status=404)
    assert error["message"] == "The object does not exist or is not public."


def test_object_ids_use_the_site_url_where_set(client, world, settings):
    settings.SITE_URL = "https://smartkreis.example.org/"
    paper = get(client, url("paper", world.paper.pk))
    assert paper["id"] == f"https://smartkreis.example.org{url('paper', world.paper.pk)}"


# Query counts -------------------------------------------------------------------------------


def _grow(world, n):
    county, committee = world.county, world.committee
    for _ in range(n):
        person = f.PersonFactory()
        f.MembershipFactory(organization=committee, person=person)
        meeting = f.MeetingFactory(organization=committee, venue=f.LocationFactory())
        item = f.AgendaItemFactory(meeting=meeting, is_public=True)
        paper = f.PaperFactory(body=county, originator_organization=committee)
        paper.related_papers.add(world.paper)
        f.ConsultationFactory(
            paper=paper, organization=committee, meeting=meeting, agenda_item=item
        )
        f.PaperFileFactory(paper=paper)
        f.PaperFileFactory(paper=None, meeting=meeting, is_main_file=False)
        f.LegislativeTermFactory(body=county)
        f.CommitteeFactory(body=county)
        f.PaperFactory(body=county).delete()


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        get(client, path)
    return len(captured)


SLUGS = [
    "organization",
    "person",
    "meeting",
    "paper",
    "legislative-term",
    "membership",
    "agenda-item",
    "consultation",
    "file",
    "location",
]


def test_list_pages_cost_the_same_queries_at_5_and_50_objects(client, world):
    _grow(world, 4)
    small = {slug: _queries(client, body_list(world.county, slug)) for slug in SLUGS}
    small["body"] = _queries(client, reverse("oparl:body_list"))
    _grow(world, 45)
    large = {slug: _queries(client, body_list(world.county, slug)) for slug in SLUGS}
    large["body"] = _queries(client, reverse("oparl:body_list"))
    assert large == small
    assert Organization.objects.filter(body=world.county).count() >= 50
