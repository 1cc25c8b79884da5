import pytest
from django.urls import reverse

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from portal.models import Publication
from portal.tests.factories import PublicationFactory, PublishedPublicationFactory
from portfolio.tests.factories import InitiativeFactory
from strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "administrator": AdministratorFactory,
    "staff_unit": StaffUnitUserFactory,
    "unit_editor": UnitEditorFactory,
    "municipality_editor": MunicipalityEditorFactory,
    "reader": UserFactory,
}
MANAGERS = {"administrator", "staff_unit"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_staff_unit_and_administrators_open_the_editorial_pages(client, role):
    goal = GoalFactory()
    client.force_login(ROLES[role]())

    for url in (
        reverse("portal:manage_list"),
        reverse("portal:manage_goal", args=[goal.pk]),
        reverse("portal:manage_initiative", args=[InitiativeFactory().pk]),
    ):
        assert client.get(url).status_code == (200 if role in MANAGERS else 403), url


@pytest.mark.parametrize("role", sorted(set(ROLES) - MANAGERS))
def test_others_cannot_write_publish_or_unpublish_and_nothing_changes(client, role):
    draft = PublicationFactory(draft="Entwurf.")
    published = PublishedPublicationFactory()
    client.force_login(ROLES[role]())
    entries = AuditEntry.objects.count()

    responses = [
        client.post(reverse("portal:manage_goal", args=[draft.goal.pk]), {"draft": "Neu."}),
        client.post(reverse("portal:publish_goal", args=[draft.goal.pk]), {"version": 1}),
        client.post(reverse("portal:unpublish_goal", args=[published.goal.pk]), {"version": 1}),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.draft, draft.state) == ("Entwurf.", Publication.State.DRAFT)
    assert published.state == Publication.State.PUBLISHED
    assert AuditEntry.objects.count() == entries


def test_anonymous_visitors_are_sent_to_the_login(client):
    goal = GoalFactory()

    response = client.post(reverse("portal:publish_goal", args=[goal.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_staff_unit_writes_previews_and_publishes_a_summary(client):
    initiative = InitiativeFactory(title="E-Akte")
    client.force_login(StaffUnitUserFactory())
    url = reverse("portal:manage_initiative", args=[initiative.pk])

    response = client.post(url, {"draft": "Akten werden digital geführt."}, follow=True)
    assert "Akten werden digital geführt." in response.content.decode()  # the preview
    assert client.get(reverse("portal:initiative", args=[initiative.pk])).status_code == 404

    publication = Publication.objects.get()
    client.post(
        reverse("portal:publish_initiative", args=[initiative.pk]),
        {"version": publication.version},
    )
    client.logout()
    page = client.get(reverse("portal:initiative", args=[initiative.pk]))
    assert "Akten werden digital geführt." in page.content.decode()


def test_an_empty_summary_is_refused_in_german_and_nothing_is_saved(client):
    goal = GoalFactory()
    client.force_login(StaffUnitUserFactory())

    response = client.post(reverse("portal:manage_goal", args=[goal.pk]), {"draft": "   "})

    assert response.status_code == 200
    assert (
        "Pflichtfeld" in response.content.decode() or "Zusammenfassung" in response.content.decode()
    )
    assert not Publication.objects.exists()


def test_a_stale_publication_is_refused_and_changes_nothing(client):
    publication = PublicationFactory()
    client.force_login(StaffUnitUserFactory())

    response = client.post(
        reverse("portal:publish_goal", args=[publication.goal.pk]),
        {"version": publication.version + 1},
        follow=True,
    )

    assert "jemand anderes" in response.content.decode().lower()
    publication.refresh_from_db()
    assert publication.state == Publication.State.DRAFT
