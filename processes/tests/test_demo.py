"""The demo process analysis and roll-out statuses load on top of the demo, twice."""

import datetime

import pytest

from demo.loading import _Loader
from portfolio.models import Initiative, InitiativeRollout
from processes.demo import PROCESS_KIND, ROLLOUT_KIND, load_demo_processes
from processes.models import BusinessProcess

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 15)


def _load():
    # What demo.loading.load_demo does, keeping the loader to hand it on as the lead will.
    loader = _Loader(TODAY)
    loader.run()
    load_demo_processes(loader)
    return loader.result


def test_demo_processes_and_rollouts_are_idempotent():
    first = _load()
    assert first.created[PROCESS_KIND] == BusinessProcess.objects.count() >= 5
    names = set(BusinessProcess.objects.values_list("name", flat=True))
    assert {"Bauantrag (Baugenehmigungsverfahren)", "Wohngeldantrag"} <= names
    assert not BusinessProcess.objects.filter(is_demo=False).exists()
    portal = Initiative.objects.get(
        title="Bürgerportal: E-Government-Plattform über den Zweckverband civitec"
    )
    assert InitiativeRollout.objects.filter(initiative=portal).count() == (
        portal.participating_bodies.count()
    )
    assert first.created[ROLLOUT_KIND] == InitiativeRollout.objects.count() > 19
    assert InitiativeRollout.objects.values("status").distinct().count() >= 2

    second = _load()
    assert second.created[PROCESS_KIND] == 0
    assert second.created[ROLLOUT_KIND] == 0
