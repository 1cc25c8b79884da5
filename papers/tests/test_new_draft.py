"""A finalised paper is reopened as a new draft in one step, without a dummy edit."""

import pytest
from django.urls import reverse

from papers import actions

from .conftest import papers_state


def _finalised(world):
    paper = world.public_paper
    actions.finalise_paper(acting_user=world.users["staff"], paper=paper)
    paper.refresh_from_db()
    return paper


def test_start_new_draft_shows_live_data_again(client, world):
    paper = _finalised(world)
    client.force_login(world.users["staff"])
    page = client.get(paper.get_absolute_url()).content.decode()
    assert "Neuen Entwurf beginnen" in page
    assert "PDF (Fassung 1)" in page

    response = client.post(reverse("papers:paper_new_draft", args=[paper.pk]), follow=True)

    paper.refresh_from_db()
    assert not paper.is_finalised
    assert paper.versions.count() == 1  # the version stays as it was
    page = response.content.decode()
    assert "Ein neuer Entwurf wurde begonnen" in page
    assert "PDF erstellen (aktueller Stand)" in page


def test_a_draft_cannot_be_reopened(world):
    with pytest.raises(actions.ValidationError):
        actions.start_new_draft(acting_user=world.users["staff"], paper=world.public_paper)


@pytest.mark.parametrize("role", ["reader", "unit_editor", "municipality_editor"])
def test_others_cannot_start_a_new_draft(client, world, role):
    paper = _finalised(world)
    # Logged in first: the login is audited, the refusal must add nothing.
    client.force_login(world.users[role])
    before = papers_state()
    response = client.post(reverse("papers:paper_new_draft", args=[paper.pk]))
    assert response.status_code in (403, 404)
    assert papers_state() == before
