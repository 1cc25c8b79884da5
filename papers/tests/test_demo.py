"""The demo papers: loaded after the demo, idempotent, with the seed's sections and a live
status quo from the register."""

import pytest
from django.utils import timezone

from demo.loading import _Loader, load_demo
from governance.models import AgendaItem, Meeting
from papers.content import display, paper_content
from papers.demo import load_demo_papers
from papers.models import Consultation, Paper

pytestmark = pytest.mark.django_db(transaction=False)


def _loader():
    """A loader with the demo's bodies and units, as demo.loading passes it."""
    from organisations.models import Body, OrgUnit

    loader = _Loader(timezone.localdate())
    loader.bodies["county"] = Body.objects.get(name="Rhein-Sieg-Kreis")
    loader.units.update({"amt-10": OrgUnit.objects.get(number="10")})
    return loader


def test_the_demo_papers_load_once(db):
    assert load_demo().created["Vorlagen"] == 2
    second = _loader()
    load_demo_papers(second)
    assert second.result.total == 0

    motion = Paper.objects.get(reference="AN/0057/2020")
    assert motion.kind == Paper.Kind.MOTION
    assert motion.originator_organization.name == "SPD-Kreistagsfraktion"
    assert "erfunden" in motion.demo_note
    referral = Consultation.objects.get(paper=motion)
    assert referral.result == Consultation.Result.REFERRED
    assert referral.organization.name == "Kreisausschuss"
    assert timezone.localdate(referral.meeting.start).isoformat() == "2020-06-22"
    assert referral.agenda_item.meeting == referral.meeting

    paper = Paper.objects.get(reference="BV/0012/2021")
    assert paper.superordinated_paper == motion
    assert paper.resolution_proposal == "Der Beschluss ergibt sich aus den Beratungen."
    assert paper.explanation.startswith("1. Status quo")
    session = paper.consultations.get()
    assert session.organization.name == "Ausschuss für Wirtschaft, Digitalisierung und Tourismus"
    assert timezone.localdate(session.meeting.start).isoformat() == "2021-02-03"
    assert Meeting.objects.filter(organization=session.organization).count() >= 1
    assert AgendaItem.objects.filter(consultations__paper=paper, is_public=True).exists()

    status = display(paper_content(paper), include_internal=False)["blocks"][0]
    fields = [row[0] for row in status["tables"][0]["rows"]]
    assert "Verwaltung" in fields
    assert len(status["tables"][1]["rows"]) > 3


def test_the_demo_papers_are_public_pages_with_their_demo_note(client, db):
    load_demo()
    load_demo_papers(_loader())
    paper = Paper.objects.get(reference="BV/0012/2021")
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Status quo der Vorhaben in den Handlungsfeldern" in html
    assert "BV/0012/2021 ist erfunden" in html
    assert "Der Beschluss ergibt sich aus den Beratungen." in html
    assert "Smarter Rhein-Sieg-Kreis 4.0" in client.get("/vorlagen/").content.decode()
