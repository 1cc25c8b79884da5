"""The demo: catalogue, solutions, roll-outs and plausible offers; loading twice adds nothing."""

import datetime

import pytest
from django.db.models import Count, Max, Min

from demo.loading import _Loader
from online_services.demo import CATALOGUE_DIR, load_demo_online_services
from online_services.models import (
    MaturityAssessment,
    OZGService,
    ServiceOffer,
    SharedSolution,
    SolutionRollout,
)

TODAY = datetime.date(2026, 6, 15)
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CATALOGUE_DIR.is_dir(), reason="shared data missing"),
]


def test_demo_offers_for_the_county_and_19_municipalities_load_once():
    # What demo.loading.load_demo does, keeping the loader to hand it on as the lead will.
    loader = _Loader(TODAY)
    loader.run()
    load_demo_online_services(loader)
    created = dict(loader.result.created)
    assert created["Onlineangebote"] == ServiceOffer.objects.count()
    assert OZGService.objects.count() == 557
    assert set(SharedSolution.objects.values_list("name", flat=True)) == {
        "Bürgerportal (civitec)",
        "Wohngeld-Antrag (EfA)",
        "Gewerbe-Online (civitec)",
    }
    assert SolutionRollout.objects.count() == 3 * 20
    per_body = ServiceOffer.objects.values("body").annotate(count=Count("pk"))
    assert len(per_body) == 20
    assert all(20 <= row["count"] <= 120 for row in per_body)
    assert not ServiceOffer.objects.filter(is_demo=False).exists()
    span = MaturityAssessment.objects.aggregate(first=Min("assessed_on"), last=Max("assessed_on"))
    assert span["first"].year == 2021
    assert span["last"].year == 2026
    assert MaturityAssessment.objects.filter(model__code="OZG-2.0").exists()
    assert solution_of_portal_is_linked()
    latest_levels = ServiceOffer.objects.exclude(current_level=None)
    assert latest_levels.exists()

    counts = (ServiceOffer.objects.count(), MaturityAssessment.objects.count())
    loader.result.created.clear()
    load_demo_online_services(loader)
    assert (ServiceOffer.objects.count(), MaturityAssessment.objects.count()) == counts
    assert sum(loader.result.created.values()) == 0


def solution_of_portal_is_linked():
    return SharedSolution.objects.get(name="Bürgerportal (civitec)").initiative is not None
