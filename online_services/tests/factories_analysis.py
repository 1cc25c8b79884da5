"""Factories for the analysis tests: a small catalogue, offers and assessments."""

import datetime

import factory

from online_services.models import (
    LeikaService,
    LifeSituation,
    MaturityAssessment,
    MaturityModel,
    OZGService,
    ServiceOffer,
    ServiceTopic,
)
from organisations.tests.factories import MunicipalityFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceTopic

    catalogue_id = factory.Sequence(lambda n: 800000 + n)
    name = factory.Sequence(lambda n: f"Themenfeld {n:03d}")


class LifeSituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeSituation

    catalogue_id = factory.Sequence(lambda n: 800000 + n)
    topic = factory.SubFactory(TopicFactory)
    name = factory.Sequence(lambda n: f"Lebenslage {n:03d}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OZGService

    catalogue_id = factory.Sequence(lambda n: 800000 + n)
    ozg_id = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Leistung {n:04d}")
    topic = factory.SubFactory(TopicFactory)


class LeikaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeikaService

    catalogue_id = factory.Sequence(lambda n: 800000 + n)
    leika_key = factory.Sequence(lambda n: f"{99800000000000 + n}")
    name = factory.Sequence(lambda n: f"LeiKa-Leistung {n}")
    responsibility = LeikaService.Responsibility.MUNICIPAL
    ozg_service = factory.SubFactory(ServiceFactory)


class MaturityModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaturityModel
        django_get_or_create = ("code",)

    code = "analysis-test"
    name = "Testmodell"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOffer

    body = factory.SubFactory(MunicipalityFactory)
    service = factory.SubFactory(ServiceFactory)
    status = ServiceOffer.Status.ONLINE
    online_since = datetime.date(2023, 5, 1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaturityAssessment

    offer = factory.SubFactory(OfferFactory)
    model = factory.SubFactory(MaturityModelFactory)
    level = 2
    assessed_on = datetime.date(2023, 5, 1)


def assess(offer, level, day, model=None, note=""):
    """An assessment and the offer's current level, as the actions keep it."""
    model = model or MaturityModelFactory()
    AssessmentFactory(offer=offer, model=model, level=level, assessed_on=day, note=note)
    offer.current_level, offer.current_model = level, model
    offer.save(update_fields=["current_level", "current_model"])
    return offer
