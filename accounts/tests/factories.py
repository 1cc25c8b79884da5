import factory

from accounts.models import User
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory


class UserFactory(factory.django.DjangoModelFactory):
    """A reader of the county; use the role factories below for the other roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    role = User.Role.READER
    body = factory.SubFactory(CountyFactory)
    password = factory.django.Password("test-password-123")


class AdministratorFactory(UserFactory):
    role = User.Role.ADMINISTRATOR
    is_staff = True
    is_superuser = True


class StaffUnitUserFactory(UserFactory):
    role = User.Role.STAFF_UNIT


class UnitEditorFactory(UserFactory):
    role = User.Role.UNIT_EDITOR
    org_unit = factory.SubFactory(OrgUnitFactory)


class MunicipalityEditorFactory(UserFactory):
    role = User.Role.MUNICIPALITY_EDITOR
    body = factory.SubFactory(MunicipalityFactory)
