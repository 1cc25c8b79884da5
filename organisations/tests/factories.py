import factory

from organisations.models import Body, Function, OrgUnit, Person


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("name",)

    name = "Testkreis"
    kind = Body.Kind.COUNTY
    designation = "Kreis"
    ags = "05999000"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Testgemeinde {n}")
    kind = Body.Kind.MUNICIPALITY
    designation = "Gemeinde"
    ags = factory.Sequence(lambda n: f"058{n:05d}")
    parent = factory.SubFactory(CountyFactory)
    population = 20000


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    body = factory.SubFactory(CountyFactory)
    number = factory.Sequence(lambda n: str(n + 10))
    name = factory.Sequence(lambda n: f"Amt {n}")
    kind = OrgUnit.Kind.OFFICE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Faker("first_name", locale="de_DE")
    family_name = factory.Faker("last_name", locale="de_DE")
    is_demo = True


class FunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Function

    kind = Function.Kind.HEAD_OF_UNIT
    title = "Amtsleitung"
    body = factory.SubFactory(CountyFactory)
    person = factory.SubFactory(PersonFactory)
