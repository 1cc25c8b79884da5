"""A county with committees, a council group, the register, papers, and users of every role."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from governance.models import Organization
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from papers.models import Consultation, DocumentTemplate, Paper, PaperBlock, PaperFile, PaperVersion
from portfolio.models import Initiative, TrafficLight
from portfolio.tests.factories import BudgetLineFactory, InitiativeFactory
from strategy.tests.factories import FieldOfActionFactory, IndicatorFactory, IndicatorValueFactory

from .factories import ConsultationFactory, PaperFactory


@dataclass
class World:
    county: object
    town: object
    office: object
    committee: object
    council_group: object
    field: object
    other_field: object
    initiative: object
    indicator: object
    public_paper: object
    internal_paper: object
    users: dict


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    county = CountyFactory()
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    office = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    committee = Organization.objects.create(
        body=county,
        name="Ausschuss für Wirtschaft, Digitalisierung und Tourismus",
        kind=Organization.Kind.COMMITTEE,
    )
    council_group = Organization.objects.create(
        body=county, name="SPD-Kreistagsfraktion", kind=Organization.Kind.COUNCIL_GROUP
    )
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung", position=1)
    other_field = FieldOfActionFactory(code="bildung", name="Bildung", position=2)
    initiative = InitiativeFactory(
        title="Breitbandausbau",
        owner_body=county,
        owner_unit=office,
        fields=[field],
        progress=40,
        traffic_light=TrafficLight.YELLOW,
    )
    BudgetLineFactory(
        initiative=initiative,
        year=2021,
        amount=Decimal("1000000"),
        funding_source="GRANT",
        grant_programme="Bundesförderprogramm Breitband",
        grant_amount=Decimal("800000"),
    )
    InitiativeFactory(
        title="Medienentwicklungskonzept",
        owner_body=county,
        owner_unit=office,
        fields=[other_field],
        status=Initiative.Status.PLANNED,
    )
    indicator = IndicatorFactory(name="Haushalte mit 50 Mbit/s", unit="Haushalte")
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2022, 1, 1), value=1000)
    public_paper = PaperFactory(body=county, subject="Smarter Rhein-Sieg-Kreis 4.0")
    ConsultationFactory(paper=public_paper, organization=committee, is_public=True)
    ConsultationFactory(
        paper=public_paper, organization=committee, is_public=False, role="Vertraulich"
    )
    internal_paper = PaperFactory(
        body=county, subject="Personalplanung Stabsstelle", is_public=False
    )
    users = {
        "reader": UserFactory(body=county),
        "unit_editor": UnitEditorFactory(body=county, org_unit=office),
        "municipality_editor": MunicipalityEditorFactory(body=town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return World(
        county=county,
        town=town,
        office=office,
        committee=committee,
        council_group=council_group,
        field=field,
        other_field=other_field,
        initiative=initiative,
        indicator=indicator,
        public_paper=public_paper,
        internal_paper=internal_paper,
        users=users,
    )


def papers_state():
    """Everything a refused request must leave as it was."""
    return {
        "papers": sorted(
            Paper.objects.values_list("pk", "subject", "reference", "version", "is_finalised")
        ),
        "links": sorted(Paper.initiatives.through.objects.values_list("paper", "initiative")),
        "consultations": sorted(Consultation.objects.values_list("pk", "position", "result")),
        "files": sorted(PaperFile.objects.values_list("pk", "name")),
        "blocks": sorted(PaperBlock.objects.values_list("pk", "title", "parameters")),
        "versions": sorted(PaperVersion.objects.values_list("pk", "number")),
        "templates": sorted(DocumentTemplate.objects.values_list("pk", "is_active")),
        "audit_entries": AuditEntry.objects.count(),
    }


def minimal_pdf(text):
    """A small one-page PDF whose page says `text` (written by hand: no PDF library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
