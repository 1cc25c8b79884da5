"""Demo online offers: the catalogue, shared solutions, their roll-outs, and the offers and
maturity assessments of the county and its 19 municipalities.

The offers are invented (marked is_demo): per body a deterministic pseudo-random sample of
20–120 OZG services, weighted towards the services municipalities typically offer first, with
assessments from 2021 on whose levels rise over time, so the pages show a trend. They are
written with bulk_create, without audit entries (they have no history to tell).

Idempotent: the catalogue is imported only when empty; solutions are looked up by name,
roll-outs by solution and body; a body that has demo offers already gets none added.
"""

import datetime
import random
import zlib

from django.conf import settings

from portfolio.models import Initiative

from .catalogue import import_catalogue
from .models import (
    MaturityAssessment,
    MaturityCriterion,
    MaturityModel,
    OZGService,
    RolloutStatus,
    ServiceOffer,
    SharedSolution,
    SolutionRollout,
)

CATALOGUE_DIR = settings.BASE_DIR.parent / "shared" / "data" / "ozg_catalogue"
FIRST_YEAR = 2021
# Model 2.0 replaced model 1.1 in July 2025: later assessments use it.
MODEL_2_FROM = datetime.date(2025, 7, 1)
BUERGERPORTAL = "Bürgerportal (civitec)"
WOHNGELD_EFA = "Wohngeld-Antrag (EfA)"
CIVITEC_PRODUCT = "Gewerbe-Online (civitec)"
SOLUTIONS = (
    {
        "name": BUERGERPORTAL,
        "kind": SharedSolution.Kind.PORTAL,
        "provider": "Zweckverband civitec",
        "description": "Das gemeinsame Serviceportal von Kreis und Kommunen (Demo).",
        "ozg_ids": ("10559", "10110", "10513"),
    },
    {
        "name": WOHNGELD_EFA,
        "kind": SharedSolution.Kind.EFA,
        "provider": "EfA-Dienst der Länder",
        "description": "Online-Antrag auf Wohngeld nach dem Einer-für-Alle-Prinzip (Demo).",
        "ozg_ids": ("10092",),
    },
    {
        "name": CIVITEC_PRODUCT,
        "kind": SharedSolution.Kind.PRODUCT,
        "provider": "Zweckverband civitec",
        "description": "Gewerbeanzeigen online, angebunden an das Fachverfahren (Demo).",
        "ozg_ids": ("10564",),
    },
)


def _rng(*parts):
    return random.Random(zlib.crc32("|".join(str(part) for part in parts).encode()))


def _day(rng, start, end):
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


class _OffersLoader:
    def __init__(self, loader):
        self.loader = loader
        self.today = loader.today
        self.start = datetime.date(FIRST_YEAR, 1, 1)

    def count(self, kind, number=1):
        if number:
            self.loader.result.created[kind] += number

    def run(self):
        self._catalogue()
        services = list(OZGService.objects.order_by("ozg_id"))
        if not services:
            return
        bodies = [self.loader.bodies["county"], *self.loader.municipalities]
        solutions = self._solutions(services)
        self._rollouts(solutions, bodies)
        self._offers(bodies, services, solutions)

    def _catalogue(self):
        if OZGService.objects.exists() or not CATALOGUE_DIR.is_dir():
            return
        summary = import_catalogue(CATALOGUE_DIR)
        self.count("OZG-Leistungen", summary.created["ozg_services"])
        self.count("LeiKa-Leistungen", summary.created["leika_services"])

    def _solutions(self, services):
        by_ozg_id = {service.ozg_id: service for service in services}
        initiative = (
            Initiative.objects.filter(title__contains="E-Government-Plattform")
            .order_by("pk")
            .first()
        )
        solutions = {}
        for spec in SOLUTIONS:
            values = {key: value for key, value in spec.items() if key != "ozg_ids"}
            if spec["name"] == BUERGERPORTAL:
                values["initiative"] = initiative
            solution, created = SharedSolution.objects.get_or_create(
                name=spec["name"], defaults=values
            )
            if created:
                solution.services.set(
                    [by_ozg_id[key] for key in spec["ozg_ids"] if key in by_ozg_id]
                )
                self.count("Gemeinsame Lösungen")
            solutions[spec["name"]] = solution
        return solutions

    def _rollouts(self, solutions, bodies):
        existing = set(SolutionRollout.objects.values_list("solution_id", "body_id"))
        new = []
        for solution in solutions.values():
            for body in bodies:
                if (solution.pk, body.pk) in existing:
                    continue
                rng = _rng("rollout", solution.name, body.name)
                # The Bürgerportal is live almost everywhere; the others are newer.
                weights = (1, 2, 12, 0) if solution.name == BUERGERPORTAL else (3, 3, 5, 1)
                status = rng.choices(RolloutStatus.values, weights=weights)[0]
                since = _day(rng, self.start, self.today)
                new.append(
                    SolutionRollout(
                        solution=solution,
                        body=body,
                        status=status,
                        since=since,
                        note="Demo",
                    )
                )
        SolutionRollout.objects.bulk_create(new)
        self.count("Einführungen gemeinsamer Lösungen", len(new))

    def _offers(self, bodies, services, solutions):
        models = {model.code: model for model in MaturityModel.objects.all()}
        model_1, model_2 = models.get("OZG-1.1"), models.get("OZG-2.0")
        criteria = list(MaturityCriterion.objects.filter(model=model_2).order_by("position"))
        with_demo = set(
            ServiceOffer.objects.filter(is_demo=True).values_list("body_id", flat=True).distinct()
        )
        # Services early in the list are offered by many bodies, later ones by few.
        weights = [1 / (1 + index / 40) for index in range(len(services))]
        offers, plans = [], []
        for body in bodies:
            if body.pk in with_demo:
                continue
            rng = _rng("offers", body.name)
            size = min(rng.randint(20, 120), len(services))
            chosen = {}
            while len(chosen) < size:
                service = rng.choices(services, weights=weights)[0]
                chosen[service.pk] = service
            for service in chosen.values():
                offer, plan = self._offer(rng, body, service, solutions, model_1, model_2)
                offers.append(offer)
                plans.append(plan)
        ServiceOffer.objects.bulk_create(offers, batch_size=500)
        self.count("Onlineangebote", len(offers))
        assessments = [
            MaturityAssessment(offer=offer, **values)
            for offer, plan in zip(offers, plans, strict=True)
            for values in plan
        ]
        MaturityAssessment.objects.bulk_create(assessments, batch_size=500)
        self.count("Reifegradbewertungen", len(assessments))
        through = MaturityAssessment.criteria_met.through
        links = [
            through(maturityassessment_id=assessment.pk, maturitycriterion_id=criterion.pk)
            for assessment in assessments
            if assessment.model_id == getattr(model_2, "pk", None)
            for criterion in criteria[: min(len(criteria), assessment.level * 2)]
        ]
        through.objects.bulk_create(links, batch_size=1000)

    def _offer(self, rng, body, service, solutions, model_1, model_2):
        status = rng.choices(ServiceOffer.Status.values, weights=(2, 2, 6))[0]
        platform = rng.choices(ServiceOffer.Platform.values, weights=(6, 2, 1, 1))[0]
        solution = None
        if platform == ServiceOffer.Platform.CIVITEC_PORTAL:
            solution = solutions[BUERGERPORTAL]
        elif service.ozg_id == "10092":
            platform, solution = ServiceOffer.Platform.EFA, solutions[WOHNGELD_EFA]
        online_since = None
        if status == ServiceOffer.Status.ONLINE:
            online_since = _day(rng, self.start, self.today)
        plan = []
        if status != ServiceOffer.Status.PLANNED and model_1 is not None:
            day = _day(rng, self.start, self.today - datetime.timedelta(days=400))
            level = rng.randint(0, 2)
            while day <= self.today:
                model = model_2 if day >= MODEL_2_FROM and model_2 is not None else model_1
                top = 7 if model == model_2 else 4
                if status != ServiceOffer.Status.ONLINE:
                    top = 2  # not online yet: information and forms at most
                if model == model_2 and plan and plan[-1]["model"] == model_1:
                    level = min(level, 3)
                plan.append({"model": model, "level": min(level, top), "assessed_on": day})
                level += rng.randint(0, 2)
                day += datetime.timedelta(days=rng.randint(240, 540))
        latest = plan[-1] if plan else None
        offer = ServiceOffer(
            body=body,
            service=service,
            status=status,
            platform=platform,
            solution=solution,
            online_since=online_since,
            url=f"{body.website.rstrip('/')}/onlinedienste" if body.website else "",
            cases_per_year=rng.randint(5, 40) * max(1, (body.population or 20000) // 20000),
            current_level=latest["level"] if latest else None,
            current_model=latest["model"] if latest else None,
            is_demo=True,
        )
        return offer, plan


def load_demo_online_services(loader):
    """Create whatever of the online-services demo is missing (see the module docstring)."""
    _OffersLoader(loader).run()
