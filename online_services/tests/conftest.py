"""The county, two municipalities, a catalogue of three services, offers and users of every role."""

from dataclasses import dataclass

import pytest

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from online_services.models import (
    MaturityAssessment,
    ServiceOffer,
    SharedSolution,
    SolutionRollout,
)
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from processes.models import BusinessProcess

from .factories import OZGServiceFactory, ServiceOfferFactory, SharedSolutionFactory


@dataclass
class OffersWorld:
    county: object
    town: object
    other_town: object
    services: list
    offer: object
    other_offer: object
    solution: object
    town_unit: object
    users: dict


@pytest.fixture
def offers_world(db):
    county = CountyFactory()
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    other_town = MunicipalityFactory(name="Hennef (Sieg)", parent=county)
    services = [
        OZGServiceFactory(ozg_id="00123", name="Anwohnerparkausweis"),
        OZGServiceFactory(ozg_id="10092", name="Wohngeld"),
        OZGServiceFactory(ozg_id="10559", name="Meldebescheinigung"),
    ]
    offer = ServiceOfferFactory(body=town, service=services[0], cases_per_year=400)
    other_offer = ServiceOfferFactory(body=other_town, service=services[0])
    solution = SharedSolutionFactory(name="Bürgerportal (civitec)")
    town_unit = OrgUnitFactory(body=town, number="032", name="Bürgerbüro")
    users = {
        "county_reader": UserFactory(body=county),
        "unit_editor": UnitEditorFactory(body=county),
        "town_editor": MunicipalityEditorFactory(body=town),
        "town_reader": UserFactory(body=town),
        "other_editor": MunicipalityEditorFactory(body=other_town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return OffersWorld(
        county=county,
        town=town,
        other_town=other_town,
        services=services,
        offer=offer,
        other_offer=other_offer,
        solution=solution,
        town_unit=town_unit,
        users=users,
    )


def offers_state():
    """Everything a refused request or a refused import must leave as it was."""
    return {
        "offers": sorted(
            ServiceOffer.objects.values_list(
                "pk", "body", "service", "status", "platform", "cases_per_year", "version"
            )
        ),
        "assessments": sorted(MaturityAssessment.objects.values_list("pk", "offer", "level")),
        "solutions": sorted(SharedSolution.objects.values_list("pk", "name", "provider")),
        "rollouts": sorted(SolutionRollout.objects.values_list("pk", "body", "status")),
        "processes": sorted(
            BusinessProcess.objects.values_list(
                "pk", "name", "cases_per_year", "minutes_per_case", "version"
            )
        ),
        # A refused import leaves its job's record (tasks), and nothing else.
        "audit_entries": AuditEntry.objects.exclude(subject_type__app_label="tasks").count(),
    }
