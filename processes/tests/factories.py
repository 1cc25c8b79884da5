import factory

from organisations.tests.factories import OrgUnitFactory
from processes.models import BusinessProcess


class BusinessProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessProcess

    org_unit = factory.SubFactory(OrgUnitFactory)
    name = factory.Sequence(lambda n: f"Prozess {n:04d}")
    cases_per_year = 1000
    minutes_per_case = 30
    target_minutes_per_case = 12
    media_breaks = 2
    digitisation = BusinessProcess.Digitisation.PARTLY
