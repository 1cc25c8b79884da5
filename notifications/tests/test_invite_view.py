"""The staff unit's button on a meeting's page: queue the invitations, which a background job
sends once the request's transaction committed (the tests' immediate backend runs it then)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from governance.models import Meeting
from notifications.models import OutgoingMail
from organisations.tests.factories import PersonFactory

from .factories import MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory(name="3. Sitzung der Lenkungsgruppe")
    MembershipFactory(organization=meeting.organization)
    MembershipFactory(organization=meeting.organization)
    return meeting


def _invite_url(meeting):
    return reverse("notifications:meeting_invite", args=[meeting.pk])


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """Post the invitation as a committed request would: its on-commit job runs."""

    def post(meeting):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(_invite_url(meeting), follow=True)

    return post


@pytest.mark.parametrize("factory", [StaffUnitUserFactory, AdministratorFactory])
def test_staff_unit_sends_the_invitations_with_calendar_file(client, invite, meeting, factory):
    client.force_login(factory())

    response = invite(meeting)

    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert _messages(response) == ["2 Einladungen werden versendet."]
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.subject.startswith("Einladung: 3. Sitzung der Lenkungsgruppe")
        (attachment,) = message.attachments
        assert attachment.filename == "invitation.ics"
        assert "BEGIN:VCALENDAR" in attachment.content
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"SENT"}
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED
    assert meeting.invitations_sent_at is not None


def test_the_request_only_queues_and_the_job_sends_after_the_commit(
    client, meeting, django_capture_on_commit_callbacks
):
    client.force_login(StaffUnitUserFactory())

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(_invite_url(meeting))

    assert mail.outbox == []
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"PENDING"}
    (deliver,) = callbacks
    with django_capture_on_commit_callbacks(execute=True):
        deliver()  # starts the delivery job, which runs once committed
    assert len(mail.outbox) == 2
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"SENT"}


def test_the_button_offers_a_changed_invitation_once_invited(client, meeting):
    client.force_login(StaffUnitUserFactory())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Einladungen versenden" in page
    assert _invite_url(meeting) in page

    client.post(_invite_url(meeting))

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Geänderte Einladung versenden" in page


def test_inviting_again_without_a_change_sends_nothing(client, invite, meeting):
    client.force_login(StaffUnitUserFactory())
    invite(meeting)

    response = invite(meeting)

    assert len(mail.outbox) == 2
    assert "keine Einladung wurde erneut versendet" in _messages(response)[0]


def test_people_without_an_address_are_named(client, invite, meeting):
    MembershipFactory(
        organization=meeting.organization,
        person=PersonFactory(given_name="Karl", family_name="Ohnepost", email=""),
    )
    client.force_login(StaffUnitUserFactory())

    response = invite(meeting)

    texts = _messages(response)
    assert texts[0] == "2 Einladungen werden versendet."
    assert "keine E-Mail-Adresse" in texts[1]
    assert "Ohnepost" in texts[1]


def test_a_failing_mail_server_keeps_the_mails_and_the_meeting_is_invited(
    client, invite, meeting, closed_smtp_port
):
    client.force_login(StaffUnitUserFactory())

    invite(meeting)

    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"FAILED"}
    assert OutgoingMail.objects.count() == 2
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED

    # Inviting again unchanged queues nothing new but hands the unsent ones over again.
    response = invite(meeting)

    (text,) = _messages(response)
    assert "2 noch nicht versendete Einladungen werden erneut versendet" in text
    assert f'href="{reverse("notifications:outbox")}"' in response.content.decode()
    assert OutgoingMail.objects.count() == 2


def test_a_held_meeting_is_refused_with_a_message(client, invite, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.HELD)
    client.force_login(StaffUnitUserFactory())

    response = invite(meeting)

    assert "nur für eine geplante Sitzung" in _messages(response)[0]
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("factory", [UserFactory, UnitEditorFactory, MunicipalityEditorFactory])
def test_other_roles_get_403_and_nothing_changes(client, meeting, factory):
    client.force_login(factory())

    assert client.post(_invite_url(meeting)).status_code == 403

    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED
    assert not AuditEntry.objects.filter(
        subject_type__model="meeting", subject_id=str(meeting.pk)
    ).exists()


def test_a_committee_member_gets_403_too(client, meeting):
    member = UserFactory(person=meeting.organization.memberships.first().person)
    client.force_login(member)

    assert client.post(_invite_url(meeting)).status_code == 403
    assert not OutgoingMail.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, meeting):
    response = client.post(_invite_url(meeting))

    assert response.url.startswith(reverse("login"))
    assert not OutgoingMail.objects.exists()


def test_get_is_not_allowed(client, meeting):
    client.force_login(StaffUnitUserFactory())

    assert client.get(_invite_url(meeting)).status_code == 405
    assert not OutgoingMail.objects.exists()


def test_the_header_links_to_the_personal_calendar(client):
    client.force_login(UserFactory())

    page = client.get(reverse("notifications:calendar")).content.decode()

    assert f'href="{reverse("notifications:calendar")}">Mein Kalender</a>' in page
