"""The demo publishes summaries, so a newcomer's `make run` shows a living portal at "/"."""

import pytest

from demo.loading import load_demo
from portal.demo import KIND
from portal.models import Publication
from portal.queries import published_goals, published_initiatives

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_goals_and_initiatives_once_and_the_portal_shows_them(client):
    first = load_demo()

    assert first.created[KIND] == Publication.objects.count() == 9
    assert published_goals().count() == 4
    assert published_initiatives().count() == 5
    edited = Publication.objects.get(draft__contains="fortschreibt")
    assert edited.is_published
    assert edited.has_unapproved_changes
    page = client.get("/").content.decode()
    assert "Verwaltungsleistungen des Kreises online anbieten" in page
    assert "Breitbandausbau im Rhein-Sieg-Kreis" in page

    assert load_demo().created[KIND] == 0
