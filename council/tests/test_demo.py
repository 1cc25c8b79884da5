"""The demo council decisions: on the demo paper BV/0012/2021, idempotent, every state."""

import datetime

import pytest

from council.demo import KIND, load_demo_council
from council.models import CouncilDecision
from demo.loading import _Loader, load_demo
from papers.models import Paper

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


def _loader():
    loader = _Loader(TODAY)
    loader.run()  # creates nothing more; fills the loader's bodies and units
    return loader


def test_without_the_demo_paper_nothing_is_created():
    load_demo(today=TODAY)
    loader = _loader()
    # Once the demo loader runs this module too, its decisions go first.
    CouncilDecision.objects.all().delete()
    Paper.objects.filter(reference="BV/0012/2021").delete()
    load_demo_council(loader)
    assert not CouncilDecision.objects.exists()


def test_the_demo_decisions_cover_every_state_and_load_only_once():
    first = load_demo(today=TODAY)
    loader = _loader()
    load_demo_council(loader)
    # Counted by load_demo once the lead wires this module in, else by our own call.
    assert first.created[KIND] + loader.result.created[KIND] == 3

    main = CouncilDecision.objects.get(consultation__paper__reference="BV/0012/2021")
    assert main.state == "IN_PROGRESS"
    assert main.consultation.result == "APPROVED"
    assert main.consultation.agenda_item.resolution_text == main.text
    assert "Lenkungsgruppe Digitalisierung" in main.text
    assert main.initiatives.count() == 4
    assert main.action_items.count() == 2
    states = dict(CouncilDecision.objects.values_list("consultation__organization__name", "state"))
    assert states == {
        "Ausschuss für Wirtschaft, Digitalisierung und Tourismus": "IN_PROGRESS",
        "Personalausschuss": "DONE",
        "Kreistag": "DELAYED",
    }
    delayed = CouncilDecision.objects.get(state="DELAYED")
    assert delayed.delay_reason
    assert delayed.deadline < TODAY
    papers = Paper.objects.count()

    again = _loader()
    load_demo_council(again)
    assert again.result.created[KIND] == 0
    assert CouncilDecision.objects.count() == 3
    assert Paper.objects.count() == papers
