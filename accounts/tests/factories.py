import time
from binascii import unhexlify

import factory
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory

PASSWORD = "test-password-123"


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
    password = factory.django.Password(PASSWORD)


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


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app; compute its codes with `current_code(device)`."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator-App"
    confirmed = True


class RecoveryCodesFactory(factory.django.DjangoModelFactory):
    """The recovery codes of a user: `codes` (a list) become their static tokens."""

    class Meta:
        model = StaticDevice
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = "Wiederherstellungscodes"
    confirmed = True

    @factory.post_generation
    def codes(device, create, codes, **kwargs):
        for code in codes or ["aaaa2222", "bbbb3333"]:
            device.token_set.create(token=code)


def current_code(key, *, offset_seconds=0):
    """The six-digit code an authenticator app with the hex secret `key` shows now (or
    `offset_seconds` later: a code of the next time step, as a login right after enrolment
    needs, since each step's code is accepted once)."""
    engine = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6)
    engine.time = time.time() + offset_seconds
    return f"{engine.token():06d}"


def wrong_code(key):
    """A six-digit code the app with `key` does not show in any accepted time step."""
    valid = {current_code(key, offset_seconds=offset) for offset in (-60, -30, 0, 30, 60)}
    return next(code for code in (f"{n:06d}" for n in range(1000)) if code not in valid)
