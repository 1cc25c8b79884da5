"""Benchmark support for the online offers: the analysis pages to measure and invented offers
to measure them with."""

import datetime
import random

from django.utils import timezone

from online_services.models import (
    LeikaService,
    LifeSituation,
    MaturityAssessment,
    MaturityModel,
    OZGService,
    ServiceOffer,
    ServiceTopic,
)

from .benchmark import Page
from .fast_insert import BATCH, insert_rows

TOPICS = 12
# Share of the (body, service) pairs per status; the rest has no offer.
STATUS_WEIGHTS = (
    (ServiceOffer.Status.ONLINE, 0.4),
    (ServiceOffer.Status.IN_PROGRESS, 0.1),
    (ServiceOffer.Status.PLANNED, 0.1),
    (None, 0.4),
)
RESPONSIBILITIES = list(LeikaService.Responsibility)


def matrix_pages():
    return [
        Page("Onlinedienste-Matrix, Seite 1", "online_services:matrix"),
        Page(
            "Onlinedienste-Matrix gefiltert",
            "online_services:matrix",
            query="responsibility=MUNICIPAL&offered=on",
        ),
        Page("Onlinedienste: Abdeckung und Verlauf", "online_services:coverage"),
        Page("Onlinedienste: bei anderen, nicht bei uns", "online_services:gaps"),
        Page("Onlinedienste: Karte", "online_services:map"),
    ]


def _catalogue(rng, services):
    """At least `services` OZG services, each with a LeiKa service; invents what is missing."""
    missing = services - OZGService.objects.count()
    if missing <= 0:
        return list(OZGService.objects.order_by("pk")[:services])
    topics = list(ServiceTopic.objects.order_by("pk"))
    if not topics:
        topics = ServiceTopic.objects.bulk_create(
            ServiceTopic(catalogue_id=900000 + number, name=f"Bench-Themenfeld {number}")
            for number in range(TOPICS)
        )
    situation_start = 900000 + LifeSituation.objects.count()
    situations = LifeSituation.objects.bulk_create(
        LifeSituation(
            catalogue_id=situation_start + number,
            topic=topic,
            name=f"Bench-Lebenslage {situation_start + number}",
        )
        for number, topic in enumerate(topics)
    )
    start = 900000 + OZGService.objects.count()
    created = OZGService.objects.bulk_create(
        (
            OZGService(
                catalogue_id=start + number,
                ozg_id=f"B{start + number}",
                name=f"Bench-Leistung {start + number}",
                topic=situations[number % len(situations)].topic,
                life_situation=situations[number % len(situations)],
            )
            for number in range(missing)
        ),
        batch_size=BATCH,
    )
    leika_start = 900000 + LeikaService.objects.count()
    LeikaService.objects.bulk_create(
        (
            LeikaService(
                catalogue_id=leika_start + number,
                leika_key=f"{99900000000000 + leika_start + number}",
                name=service.name,
                responsibility=rng.choice(RESPONSIBILITIES),
                ozg_service=service,
            )
            for number, service in enumerate(created)
        ),
        batch_size=BATCH,
    )
    return list(OZGService.objects.order_by("pk")[:services])


def generate_offers(*, bodies, services=600, seed=2021, today=None):
    """Invented offers of `bodies` for `services` OZG services, with assessment history.

    Creates the OZG services (and a LeiKa service each) that the catalogue lacks, then offers
    for about 60 % of the (body, service) pairs, marked as demo data, each with one or two
    assessments in the last three years. Returns counts by German label.
    """
    rng = random.Random(seed)
    today = today or timezone.localdate()
    catalogue = _catalogue(rng, services)
    model = MaturityModel.objects.order_by("-code").first() or MaturityModel.objects.create(
        code="bench", name="Bench-Reifegradmodell"
    )
    statuses = [status for status, _weight in STATUS_WEIGHTS]
    weights = [weight for _status, weight in STATUS_WEIGHTS]
    offers = []
    for body in bodies:
        for service in catalogue:
            status = rng.choices(statuses, weights)[0]
            if status is None:
                continue
            online = status == ServiceOffer.Status.ONLINE
            offers.append(
                # Ids rather than objects: quicker to construct, for the Land's 150,000 offers.
                ServiceOffer(
                    body_id=body.pk,
                    service_id=service.pk,
                    status=status,
                    online_since=today - datetime.timedelta(days=rng.randrange(1095))
                    if online
                    else None,
                    current_level=rng.randrange(2, 5) if online else rng.randrange(0, 2),
                    current_model_id=model.pk,
                    is_demo=True,
                )
            )
    insert_rows(ServiceOffer, offers, with_ids=True)
    assessments = []
    for offer in offers:
        first_day = today - datetime.timedelta(days=rng.randrange(365, 1095))
        if offer.current_level > 0:
            assessments.append(
                MaturityAssessment(
                    offer_id=offer.pk,
                    model_id=model.pk,
                    level=offer.current_level - 1,
                    assessed_on=first_day,
                )
            )
        assessments.append(
            MaturityAssessment(
                offer_id=offer.pk,
                model_id=model.pk,
                level=offer.current_level,
                assessed_on=today - datetime.timedelta(days=rng.randrange(365)),
            )
        )
    insert_rows(MaturityAssessment, assessments)
    return {"Online-Angebote": len(offers), "Reifegradbewertungen": len(assessments)}
