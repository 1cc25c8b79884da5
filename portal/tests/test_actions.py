import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from portal import actions
from portal.models import Publication
from portal.tests.factories import PublicationFactory, PublishedPublicationFactory
from portfolio.tests.factories import InitiativeFactory
from strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 4, 8, 30, tzinfo=datetime.UTC)


def _fields(publication):
    publication.refresh_from_db()
    return {
        field.name: getattr(publication, field.attname)
        for field in Publication._meta.concrete_fields
    }


def test_writing_creates_a_draft_the_public_does_not_read_yet():
    writer = StaffUnitUserFactory()
    goal = GoalFactory()

    publication = actions.write_summary(
        acting_user=writer, subject=goal, text="  Alle Schulen bekommen Glasfaser.  ", now=NOW
    )

    assert publication.goal == goal
    assert publication.draft == "Alle Schulen bekommen Glasfaser."
    assert publication.state == Publication.State.DRAFT
    assert publication.summary == ""
    assert (publication.written_by, publication.written_at) == (writer, NOW)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 1


def test_a_summary_of_an_initiative():
    initiative = InitiativeFactory()

    publication = actions.write_summary(
        acting_user=StaffUnitUserFactory(), subject=initiative, text="Kurz erklärt."
    )

    assert publication.initiative == initiative
    assert publication.goal is None


@pytest.mark.parametrize("text", ["", "   ", "x" * (actions.SUMMARY_MAX_LENGTH + 1)])
def test_an_empty_or_overlong_summary_is_refused_and_changes_nothing(text):
    publication = PublicationFactory(draft="Bisher.")
    before = _fields(publication)

    with pytest.raises(ValidationError) as refusal:
        actions.write_summary(
            acting_user=StaffUnitUserFactory(), subject=publication.goal, text=text
        )

    assert "draft" in refusal.value.message_dict
    assert _fields(publication) == before


def test_publishing_makes_the_draft_the_public_summary():
    publication = PublicationFactory(draft="Erster Text.")
    approver = StaffUnitUserFactory()

    actions.publish_summary(acting_user=approver, publication=publication, now=NOW)

    publication.refresh_from_db()
    assert publication.state == Publication.State.PUBLISHED
    assert publication.summary == "Erster Text."
    assert (publication.approved_by, publication.approved_at) == (approver, NOW)
    assert publication.published_at == NOW
    assert AuditEntry.objects.get().changes["state"] == ["DRAFT", "PUBLISHED"]


def test_an_edit_of_a_published_summary_waits_for_its_approval():
    publication = PublishedPublicationFactory(draft="Alt.")
    first_published_at = publication.published_at

    actions.write_summary(acting_user=StaffUnitUserFactory(), subject=publication.goal, text="Neu.")
    publication.refresh_from_db()
    assert (publication.summary, publication.draft) == ("Alt.", "Neu.")
    assert publication.has_unapproved_changes

    actions.publish_summary(acting_user=StaffUnitUserFactory(), publication=publication, now=NOW)
    publication.refresh_from_db()
    assert publication.summary == "Neu."
    assert publication.approved_at == NOW
    assert publication.published_at == first_published_at


def test_publishing_an_unchanged_published_summary_is_refused():
    publication = PublishedPublicationFactory()
    before = _fields(publication)

    with pytest.raises(ValidationError):
        actions.publish_summary(acting_user=StaffUnitUserFactory(), publication=publication)

    assert _fields(publication) == before


def test_unpublishing_takes_it_off_the_portal_and_keeps_the_texts():
    publication = PublishedPublicationFactory(draft="Text.")

    actions.unpublish_summary(acting_user=StaffUnitUserFactory(), publication=publication)

    publication.refresh_from_db()
    assert publication.state == Publication.State.DRAFT
    assert publication.published_at is None
    assert publication.summary == "Text."
    assert AuditEntry.objects.get().changes["state"] == ["PUBLISHED", "DRAFT"]


def test_unpublishing_a_draft_is_refused_and_changes_nothing():
    publication = PublicationFactory()
    before = _fields(publication)

    with pytest.raises(ValidationError):
        actions.unpublish_summary(acting_user=StaffUnitUserFactory(), publication=publication)

    assert _fields(publication) == before


def test_an_outdated_version_is_refused_as_stale():
    publication = PublicationFactory(draft="Bisher.")
    before = _fields(publication)

    with pytest.raises(ValidationError) as refusal:
        actions.write_summary(
            acting_user=StaffUnitUserFactory(),
            subject=publication.goal,
            text="Neu.",
            expected_version=publication.version + 1,
        )

    assert refusal.value.error_dict["__all__"][0].code == "stale"
    assert _fields(publication) == before
