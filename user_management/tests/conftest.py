"""A county with two towns, and users of every kind of user manager, for the tests of the
user management. The real SMTP server fixture comes from the notifications tests."""

from dataclasses import dataclass

import pytest
from django.contrib.sessions.models import Session

from accounts.models import User
from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from notifications.tests.conftest import closed_smtp_port, smtp_server  # noqa: F401
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from user_management.models import Invitation


@dataclass
class World:
    county: object
    office: object
    town: object
    town_unit: object
    other_town: object
    admin: object
    staff: object
    unit_editor: object
    town_manager: object
    town_editor: object
    town_reader: object
    other_town_user: object


@pytest.fixture
def world(db):
    county = CountyFactory(name="Rhein-Sieg-Kreis")
    office = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    town = MunicipalityFactory(name="Siegburg", parent=county)
    town_unit = OrgUnitFactory(body=town, number="1", name="Hauptamt")
    other_town = MunicipalityFactory(name="Troisdorf", parent=county)
    return World(
        county=county,
        office=office,
        town=town,
        town_unit=town_unit,
        other_town=other_town,
        admin=AdministratorFactory(username="admin", body=county),
        staff=StaffUnitUserFactory(username="stabsstelle", body=county, org_unit=office),
        unit_editor=UnitEditorFactory(username="amt12", body=county, org_unit=office),
        town_manager=MunicipalityEditorFactory(
            username="siegburg-admin", body=town, manages_body_users=True
        ),
        town_editor=MunicipalityEditorFactory(username="siegburg", body=town),
        town_reader=UserFactory(username="siegburg-lesen", body=town),
        other_town_user=MunicipalityEditorFactory(username="troisdorf", body=other_town),
    )


def users_state():
    """Everything a refused request must leave as it was."""
    return {
        "users": sorted(
            User.objects.values_list(
                "pk",
                "username",
                "email",
                "role",
                "body_id",
                "org_unit_id",
                "manages_body_users",
                "person_id",
                "is_active",
                "is_staff",
                "is_superuser",
                "password",
            )
        ),
        "invitations": sorted(
            Invitation.objects.values_list(
                "pk",
                "email",
                "role",
                "body_id",
                "token_hash",
                "expires_at",
                "accepted_at",
                "revoked_at",
            )
        ),
        "sessions": Session.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }
