"""Nothing internal reaches the public: a secret marker in every internal text, then an
anonymous crawl of every page, file and OParl object a visitor can reach finds none of them.

The public sees a public paper only through the version last finalised while it was public
(frozen then); this test finalises one before the register holds any secret, then lets the
register, the steering group and the paper's new draft fill with them.
"""

import datetime
import io
import json
import re
import uuid
from urllib.parse import urldefrag, urljoin, urlsplit

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from pypdf import PdfReader

from accounts.tests.factories import StaffUnitUserFactory
from governance.models import Organization
from governance.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
)
from online_services.models import MaturityAssessment
from online_services.tests.factories import ServiceOfferFactory, model_1
from organisations.tests.factories import (
    CountyFactory,
    MunicipalityFactory,
    OrgUnitFactory,
    PersonFactory,
)
from papers import actions as paper_actions
from papers.models import Paper, PaperBlock
from papers.tests.conftest import minimal_pdf
from papers.tests.factories import PaperFactory
from portfolio.tests.factories import (
    BudgetLineFactory,
    InitiativeFactory,
    MilestoneFactory,
    StatusReportFactory,
)
from processes.tests.factories import BusinessProcessFactory
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)
from topics.tests.factories import StatementFactory, TopicFactory, TopicScoreFactory

pytestmark = pytest.mark.django_db

MARKER = "GEHEIM"
MAX_REQUESTS = 2000
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']+)["']""")
NOT_TEXT_FIELDS = {"external_id"}


def seed_secrets(obj, kind, *, only=None):
    """Write a marker into every free text field of `obj` (or only those named)."""
    values = {}
    for field in obj._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        if field.name in NOT_TEXT_FIELDS or (only is not None and field.name not in only):
            continue
        marker = f"{MARKER}-{kind}-{field.name}-{uuid.uuid4().hex[:8]}"
        if field.max_length is not None and field.max_length < len(marker):
            marker = f"{MARKER}{uuid.uuid4().hex}"[: field.max_length]
            if field.max_length < len(MARKER) + 4:
                continue
        values[field.name] = marker
    type(obj).objects.filter(pk=obj.pk).update(**values)


def _paper_values(**values):
    return {
        "kind": Paper.Kind.INFORMATION,
        "date": datetime.date(2026, 2, 3),
        "is_public": True,
        **values,
    }


def _blocks(paper, staff, field, indicator):
    for kind, parameters in (
        (PaperBlock.Kind.INITIATIVE_STATUS, {"fields": [field.pk]}),
        (PaperBlock.Kind.TRAFFIC_LIGHTS, {}),
        (PaperBlock.Kind.INDICATOR_CHART, {"indicator": indicator.pk}),
        (PaperBlock.Kind.STEERING_DECISIONS, {"since": "2000-01-01"}),
    ):
        paper_actions.add_block(
            acting_user=staff, paper=paper, kind=kind, title=str(kind.label), parameters=parameters
        )


@pytest.fixture
def county_with_secrets():
    """A county whose public council papers were published before the secrets arrived."""
    county = CountyFactory()
    town = MunicipalityFactory(parent=county)
    office = OrgUnitFactory(body=county)
    staff = StaffUnitUserFactory(body=county)
    field = FieldOfActionFactory()
    indicator = IndicatorFactory(goal=GoalFactory(field=field))
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2025, 1, 1), value=10)
    committee = OrganizationFactory(body=county, kind=Organization.Kind.COMMITTEE)
    committee_member = PersonFactory()
    MembershipFactory(organization=committee, person=committee_member)
    meeting = MeetingFactory(organization=committee)
    public_item = AgendaItemFactory(meeting=meeting, is_public=True)
    InitiativeFactory(owner_body=county, owner_unit=office, fields=[field], title="Breitband")

    published = paper_actions.create_paper(
        acting_user=staff, body=county, **_paper_values(subject="Stand der Digitalisierung")
    )
    _blocks(published, staff, field, indicator)
    paper_actions.add_consultation(
        acting_user=staff,
        paper=published,
        organization=committee,
        meeting=meeting,
        agenda_item=public_item,
        is_public=True,
    )
    paper_actions.add_file(
        acting_user=staff,
        paper=published,
        upload=SimpleUploadedFile("anlage.pdf", minimal_pdf("Oeffentliche Anlage")),
        name="Anlage",
    )
    paper_actions.finalise_paper(acting_user=staff, paper=published)

    # From here on everything is internal.
    secret_initiative = InitiativeFactory(owner_body=county, owner_unit=office, fields=[field])
    seed_secrets(secret_initiative, "initiative")
    for obj, kind in (
        (StatusReportFactory(initiative=secret_initiative), "status-report"),
        (MilestoneFactory(initiative=secret_initiative), "milestone"),
        (BudgetLineFactory(initiative=secret_initiative), "budget-line"),
    ):
        seed_secrets(obj, kind)
    seed_secrets(indicator, "indicator")
    seed_secrets(indicator.goal, "goal")
    seed_secrets(committee_member, "person", only={"email", "phone"})

    steering_group = OrganizationFactory(body=county, kind=Organization.Kind.STEERING_GROUP)
    steering_member = PersonFactory()
    MembershipFactory(organization=steering_group, person=steering_member)
    seed_secrets(steering_member, "steering-member")
    steering_meeting = MeetingFactory(organization=steering_group)
    steering_item = AgendaItemFactory(meeting=steering_meeting, is_public=False)
    decision = DecisionFactory(agenda_item=steering_item, initiative=secret_initiative)
    action_item = ActionItemFactory(meeting=steering_meeting)
    closed_item = AgendaItemFactory(meeting=meeting, is_public=False)
    for obj, kind in (
        (steering_meeting, "steering-meeting"),
        (steering_item, "steering-item"),
        (decision, "decision"),
        (action_item, "action-item"),
        (closed_item, "closed-item"),
    ):
        seed_secrets(obj, kind)
    seed_secrets(meeting, "committee-meeting", only={"location"})
    seed_secrets(public_item, "committee-item", only={"minutes"})

    topic = TopicFactory(submitted_by=staff, fields=[field])
    for obj, kind in (
        (topic, "topic"),
        (StatementFactory(topic=topic), "statement"),
        (TopicScoreFactory(topic=topic), "topic-score"),
    ):
        seed_secrets(obj, kind)
    offer = ServiceOfferFactory(body=town, initiative=secret_initiative)
    seed_secrets(offer, "offer")
    assessment = MaturityAssessment.objects.create(
        offer=offer, model=model_1(), level=1, assessed_on=datetime.date(2025, 1, 1)
    )
    seed_secrets(assessment, "assessment")
    seed_secrets(BusinessProcessFactory(org_unit=office), "process")

    # The published paper's new draft: a secret attachment; its blocks now show the secrets.
    paper_actions.add_file(
        acting_user=staff,
        paper=published,
        upload=SimpleUploadedFile("entwurf.pdf", minimal_pdf(f"{MARKER} Entwurfsanlage")),
        name=f"{MARKER}-draft-file",
    )
    paper_actions.update_paper(
        acting_user=staff,
        paper=published,
        subject=f"{MARKER}-draft-subject",
        explanation=f"{MARKER}-draft-explanation",
    )
    published.initiatives.add(secret_initiative)
    # A public paper never finalised: a draft with live blocks and a linked secret initiative.
    draft = paper_actions.create_paper(
        acting_user=staff,
        body=county,
        **_paper_values(subject=f"{MARKER}-unpublished-subject", explanation=f"{MARKER}-x"),
    )
    _blocks(draft, staff, field, indicator)
    paper_actions.add_file(
        acting_user=staff,
        paper=draft,
        upload=SimpleUploadedFile("entwurf.pdf", minimal_pdf(f"{MARKER} Anlage")),
        name="Anlage zum Entwurf",
    )
    # A non-public paper, even finalised, and an imported public paper linked to the secret.
    internal = paper_actions.create_paper(
        acting_user=staff, body=county, **_paper_values(subject="Intern", is_public=False)
    )
    _blocks(internal, staff, field, indicator)
    seed_secrets(internal, "internal-paper", only={"subject", "explanation", "reference"})
    paper_actions.finalise_paper(acting_user=staff, paper=Paper.objects.get(pk=internal.pk))
    imported = PaperFactory(body=county, external_id="https://ris.example/paper/1")
    imported.initiatives.add(secret_initiative)
    return published


def _routes(patterns, prefix=""):
    """The paths of every URL pattern that takes no arguments."""
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + str(pattern.pattern)
        if "<" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _text_and_links(url, response, body):
    """What a reader of the answer sees, and the addresses it leads to."""
    content_type = response.get("Content-Type", "")
    links = [response["Location"]] if response.has_header("Location") else []
    if content_type.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(body))
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        text += " ".join(str(value) for value in (reader.metadata or {}).values())
    elif "wordprocessingml" in content_type:
        document = docx.Document(io.BytesIO(body))
        parts = [paragraph.text for paragraph in document.paragraphs]
        cells = (cell for table in document.tables for row in table.rows for cell in row.cells)
        parts += [cell.text for cell in cells]
        parts += [document.core_properties.title or "", document.core_properties.subject or ""]
        text = " ".join(parts)
    else:
        text = body.decode("utf-8", errors="replace")
        if "json" in content_type:
            links += re.findall(r'"(https?://[^"]+)"', json.dumps(json.loads(body)))
        elif "html" in content_type:
            links += LINK.findall(text)
    return text, [urljoin(url, link) for link in links]


def _same_site(url):
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith("/static/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_an_anonymous_crawl_of_every_page_file_and_oparl_object_finds_no_secret(
    county_with_secrets,
):
    client = Client()
    pending = ["/", reverse("oparl:system"), *_routes(get_resolver().url_patterns)]
    seen, leaks = set(), []
    while pending and len(seen) < MAX_REQUESTS:
        url = urldefrag(pending.pop(0)).url
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = _body(response)
        text, links = _text_and_links("http://testserver" + url, response, body)
        if MARKER in text or MARKER.encode() in body:
            leaks.append((url, re.findall(rf"{MARKER}[\w-]*", text)[:5]))
        pending.extend(path for link in links if (path := _same_site(link)) not in (None, *seen))

    assert len(seen) < MAX_REQUESTS, "the crawl did not finish"
    paper = county_with_secrets
    for reached in (
        paper.get_absolute_url(),
        reverse("papers:paper_pdf", args=[paper.pk]),
        reverse("papers:paper_docx", args=[paper.pk]),
        reverse("oparl:object", args=["paper", paper.pk]),
    ):
        assert reached in seen, reached
    assert any(url.startswith("/oparl/v1.1/file/") and "/content/" in url for url in seen)
    assert not leaks, "\n".join(f"{url}: {found}" for url, found in leaks)
