"""Catalogue rows, offers and solutions, written directly (no audit entries).

Tests of behaviour go through online_services.actions instead. The maturity models come from
the data migration (codes "OZG-1.1" and "OZG-2.0").
"""

import factory

from online_services.models import (
    MaturityModel,
    OZGService,
    ServiceOffer,
    ServiceTopic,
    SharedSolution,
)
from organisations.tests.factories import MunicipalityFactory


class ServiceTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceTopic

    catalogue_id = factory.Sequence(lambda n: 900000 + n)
    name = factory.Sequence(lambda n: f"Themenfeld {n}")


class OZGServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OZGService

    catalogue_id = factory.Sequence(lambda n: 900000 + n)
    ozg_id = factory.Sequence(lambda n: f"0{n:05d}")
    name = factory.Sequence(lambda n: f"Onlineleistung {n:04d}")
    topic = factory.SubFactory(ServiceTopicFactory)


class ServiceOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOffer

    body = factory.SubFactory(MunicipalityFactory)
    service = factory.SubFactory(OZGServiceFactory)
    status = ServiceOffer.Status.IN_PROGRESS


class SharedSolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedSolution

    name = factory.Sequence(lambda n: f"Lösung {n}")
    kind = SharedSolution.Kind.PORTAL
    provider = "Zweckverband civitec"


def model_1():
    return MaturityModel.objects.get(code="OZG-1.1")


def model_2():
    return MaturityModel.objects.get(code="OZG-2.0")
