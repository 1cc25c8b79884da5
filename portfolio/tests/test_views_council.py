"""The initiative page leads back to the papers on it and the council decisions it implements,
each shown only to those who may read them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import CouncilDecision
from council.tests.factories import ConsultationFactory, CouncilDecisionFactory, PaperFactory

pytestmark = pytest.mark.django_db


def _page(client, initiative):
    response = client.get(reverse("portfolio:initiative_detail", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _paper(world, subject, *, is_public=True):
    paper = PaperFactory(body=world.county, subject=subject, is_public=is_public)
    paper.initiatives.add(world.county_initiative)
    return paper


def _decision(world, paper, *, consultation_public=True, **values):
    consultation = ConsultationFactory(paper=paper, is_public=consultation_public)
    decision = CouncilDecisionFactory(
        consultation=consultation, recorded_by=world.users["staff"], **values
    )
    decision.initiatives.add(world.county_initiative)
    return decision


def test_the_section_lists_papers_and_decisions_with_implementation_and_deadline(client, world):
    today = timezone.localdate()
    public = _paper(world, "Smarter Rhein-Sieg-Kreis 4.0")
    internal = _paper(world, "Personalplanung Stabsstelle", is_public=False)
    overdue = _decision(
        world,
        public,
        state=CouncilDecision.State.DELAYED,
        delay_reason="Personal fehlt.",
        deadline=today - datetime.timedelta(days=1),
    )
    done = _decision(
        world, internal, state=CouncilDecision.State.DONE, done_on=datetime.date(2022, 3, 1)
    )
    PaperFactory(body=world.county, subject="Andere Vorlage")

    client.force_login(world.users["reader"])
    page = _page(client, world.county_initiative)
    # Contributed by the papers and council apps, each as a section of its own.
    assert 'id="papers-heading">Vorlagen</h2>' in page
    assert 'id="council-decisions-heading">Kreistagsbeschlüsse</h2>' in page
    assert public.get_absolute_url() in page
    assert internal.get_absolute_url() in page
    assert "Andere Vorlage" not in page
    assert overdue.get_absolute_url() in page
    assert "Verzögert" in page
    assert "überfällig" in page
    assert (today - datetime.timedelta(days=1)).strftime("%d.%m.%Y") in page
    assert done.get_absolute_url() in page
    assert "01.03.2022" in page
    # Overdue decisions come first.
    assert page.index(overdue.get_absolute_url()) < page.index(done.get_absolute_url())


def test_a_municipality_sees_only_public_papers_and_decisions(client, world):
    public = _paper(world, "Öffentliche Vorlage")
    internal = _paper(world, "Nichtöffentliche Vorlage", is_public=False)
    shown = _decision(world, public)
    in_camera = _decision(world, public, consultation_public=False)
    hidden = _decision(world, internal)

    client.force_login(world.users["municipality_editor_own"])
    page = _page(client, world.county_initiative)
    assert public.get_absolute_url() in page
    assert internal.get_absolute_url() not in page
    assert "Nichtöffentliche Vorlage" not in page
    assert shown.get_absolute_url() in page
    assert in_camera.get_absolute_url() not in page
    assert hidden.get_absolute_url() not in page


def test_without_papers_or_decisions_the_section_says_so(client, world):
    client.force_login(world.users["reader"])
    page = _page(client, world.county_initiative)
    assert "Keine Vorlage bezieht sich auf dieses Vorhaben." in page
    assert "Mit diesem Vorhaben sind keine Kreistagsbeschlüsse verknüpft." in page
