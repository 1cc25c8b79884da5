"""Nothing internal reaches a dataset or the catalogue: unpublished goals and initiatives,
decisions on papers that are not public, a status report's text, the steering group."""

import pytest

from council.tests.factories import ConsultationFactory, CouncilDecisionFactory, PaperFactory
from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from online_services.tests.factories import ServiceOfferFactory
from portal.tests.factories import PublicationFactory
from portfolio.tests.factories import InitiativeFactory, StatusReportFactory
from strategy.tests.factories import GoalFactory, IndicatorFactory, IndicatorValueFactory

from .factories import public_records, published_initiative

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM-7f3a"
URLS = [
    f"/daten/{slug}.{extension}"
    for slug in ("onlinedienste", "vorhaben", "ziele", "kennzahlen", "kreistagsbeschluesse")
    for extension in ("csv", "json")
] + ["/daten/katalog.ttl", "/daten/katalog.rdf", "/daten/katalog.jsonld", "/daten/"]


def _internal_records():
    unpublished = InitiativeFactory(title=f"Vorhaben {SECRET} unveröffentlicht")
    PublicationFactory(goal=None, initiative=unpublished, draft=f"Entwurf {SECRET}")
    InitiativeFactory(title=f"Vorhaben {SECRET} ohne Zusammenfassung")
    public = published_initiative(description=f"Interne Beschreibung {SECRET}")
    StatusReportFactory(
        initiative=public,
        summary=f"Statusbericht {SECRET}",
        risks=f"Risiko {SECRET}",
        decisions_needed=f"Entscheidungsbedarf {SECRET}",
    )
    goal = GoalFactory(title=f"Ziel {SECRET} unveröffentlicht")
    IndicatorValueFactory(indicator=IndicatorFactory(goal=goal, name=f"Kennzahl {SECRET}"))
    private_paper = PaperFactory(is_public=False, subject=f"Nichtöffentlich {SECRET}")
    CouncilDecisionFactory(
        consultation=ConsultationFactory(paper=private_paper),
        text=f"Nichtöffentlicher Beschluss {SECRET}",
    )
    CouncilDecisionFactory(
        consultation=ConsultationFactory(paper=PaperFactory(published=False)),
        text=f"Beschluss zu einem Entwurf {SECRET}",
    )
    CouncilDecisionFactory(
        consultation=ConsultationFactory(
            organization=OrganizationFactory(kind=Organization.Kind.STEERING_GROUP)
        ),
        text=f"Beschluss der Lenkungsgruppe {SECRET}",
    )
    CouncilDecisionFactory(
        consultation=ConsultationFactory(is_public=False),
        text=f"Beschluss in nichtöffentlicher Beratung {SECRET}",
    )
    CouncilDecisionFactory(delay_reason=f"Verzögerung {SECRET}")
    ServiceOfferFactory(status="PLANNED", service__name=f"Geplant {SECRET}")


def test_no_internal_record_appears_in_any_dataset_or_catalogue(client):
    public_records()
    _internal_records()

    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode("utf-8"), url


def test_the_public_records_beside_them_are_published(client):
    public_records()
    _internal_records()

    assert b"Vorhaben 0" in client.get("/daten/vorhaben.csv").content
    assert b"Nummer 0" in client.get("/daten/kreistagsbeschluesse.csv").content
    assert b"Ziel 0" in client.get("/daten/ziele.json").content
