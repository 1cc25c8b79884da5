"""A small, realistic register for the browser tests, written through the apps' actions."""

import datetime
import importlib
import io
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
)
from council import actions as council_actions
from governance import actions as governance_actions
from governance.models import AgendaItem, Decision, Membership, Organization
from identity import actions as identity_actions
from identity.models import GroupRule
from organisations.actions import dissolve_org_unit
from organisations.models import OrgUnit
from organisations.tests.factories import (
    CountyFactory,
    FunctionFactory,
    MunicipalityFactory,
    OrgUnitFactory,
    PersonFactory,
)
from papers import actions as paper_actions
from papers.models import Consultation, Paper, PaperBlock
from portal import actions as portal_actions
from portfolio import actions
from portfolio.models import Initiative, TrafficLight
from reports import actions as report_actions
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)
from topics import actions as topic_actions
from topics.models import Statement, Topic


@dataclass
class Scenario:
    county: object
    municipality: object
    other_municipality: object
    unit: object
    former_unit: object
    field: object
    goal: object
    indicator: object
    indicator_value: object
    initiative: object
    milestone: object
    budget_line: object
    link: object
    status_report: object
    municipality_initiative: object
    staff_user: object
    unit_editor: object
    municipality_editor: object
    steering: dict
    council: dict
    group_rule: object = None

    def ids(self):
        """Object kind (as used in URL names and keyword arguments) to the id of one object."""
        return {
            "initiative": self.initiative.pk,
            "milestone": self.milestone.pk,
            "budget_line": self.budget_line.pk,
            "link": self.link.pk,
            "status_report": self.status_report.pk,
            "report": self.status_report.pk,
            "goal": self.goal.pk,
            "indicator": self.indicator.pk,
            "indicator_value": self.indicator_value.pk,
            "value": self.indicator_value.pk,
            "field": self.field.pk,
            "body": self.county.pk,
            "org_unit": self.unit.pk,
            "unit": self.unit.pk,
            "group_rule": self.group_rule.pk,
        } | {kind: getattr(obj, "pk", obj) for kind, obj in (self.steering | self.council).items()}


def build_scenario():
    county = CountyFactory(name="Rhein-Sieg-Kreis", ags="05382000", population=600_764)
    municipality = MunicipalityFactory(name="Siegburg", parent=county, population=41_234)
    other_municipality = MunicipalityFactory(name="Troisdorf", parent=county, population=75_000)
    office_10 = OrgUnitFactory(
        body=county, number="10", name="Zentrale Dienste", valid_from=datetime.date(2010, 1, 1)
    )
    former_unit = OrgUnitFactory(
        body=county,
        number="10.2",
        name="Informations- und Kommunikationstechnik",
        kind=OrgUnit.Kind.DIVISION,
        parent=office_10,
        valid_from=datetime.date(2010, 1, 1),
    )
    unit = OrgUnitFactory(
        body=county,
        number="12",
        name="IT und Digitalisierung",
        valid_from=datetime.date(2022, 3, 1),
    )
    staff_user = StaffUnitUserFactory(username="stabsstelle", body=county, org_unit=unit)
    dissolve_org_unit(
        acting_user=staff_user,
        unit=former_unit,
        last_day=datetime.date(2022, 2, 28),
        successors=[unit],
        initiatives_to=unit,
    )
    FunctionFactory(
        body=county,
        org_unit=unit,
        title="Chief Digital Officer",
        kind="CHIEF_DIGITAL_OFFICER",
        person=PersonFactory(given_name="Erika", family_name="Muster"),
    )
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung")
    goal = GoalFactory(field=field, title="Verwaltungsleistungen online", owner_unit=unit)
    indicator = IndicatorFactory(goal=goal, name="Online-Anteil der Leistungen")
    indicator_value = IndicatorValueFactory(
        indicator=indicator, measured_on=datetime.date(2023, 6, 30), value=Decimal("35")
    )
    initiative = actions.create_initiative(
        acting_user=staff_user,
        title="Dokumentenmanagementsystem einführen",
        description="Die E-Akte für die Kreisverwaltung.",
        owner_body=county,
        owner_unit=unit,
        participating_bodies=[municipality],
        fields=[field],
        goals=[goal],
        indicators=[indicator],
        status=Initiative.Status.IN_PROGRESS,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    milestone = actions.add_milestone(
        acting_user=staff_user,
        initiative=initiative,
        title="Pilotamt arbeitet mit der E-Akte",
        planned_date=datetime.date(2023, 6, 30),
    )
    budget_line = actions.add_budget_line(
        acting_user=staff_user, initiative=initiative, year=2023, amount=Decimal("250000")
    )
    link = actions.add_link(
        acting_user=staff_user,
        initiative=initiative,
        title="Beschlussvorlage",
        url="https://example.org/vorlage",
    )
    status_report = actions.submit_status_report(
        acting_user=staff_user,
        initiative=initiative,
        reported_on=datetime.date(2023, 3, 31),
        schedule=TrafficLight.YELLOW,
        cost=TrafficLight.GREEN,
        scope=TrafficLight.GREEN,
        overall=TrafficLight.YELLOW,
        progress=40,
        summary="Die Ausschreibung verzögert sich.",
    )
    other_unit = OrgUnitFactory(body=other_municipality, number="1", name="Hauptamt")
    municipality_initiative = actions.create_initiative(
        acting_user=staff_user,
        title="Troisdorfer Bürger-App",
        owner_body=other_municipality,
        owner_unit=other_unit,
        fields=[field],
    )
    steering = _build_steering_group(county=county, unit=unit, field=field, staff_user=staff_user)
    council = _build_council_work(
        county=county, unit=unit, field=field, indicator=indicator, staff_user=staff_user
    )
    services = _build_online_services(
        county=county, municipality=municipality, unit=unit, staff_user=staff_user
    )
    council |= services
    # The initiative page then shows its paper and council decision.
    paper_actions.link_initiatives(
        acting_user=staff_user, paper=council["paper"], initiatives=[initiative]
    )
    council_actions.link_initiative(
        acting_user=staff_user, decision=council["council_decision"], initiative=initiative
    )
    # The public portal shows the goal and the initiative once their summaries are approved.
    for subject in (goal, initiative):
        portal_actions.publish_summary(
            acting_user=staff_user,
            publication=portal_actions.write_summary(
                acting_user=staff_user, subject=subject, text="Kurz erklärt: worum es geht."
            ),
        )
    return Scenario(
        steering=steering,
        council=council,
        county=county,
        municipality=municipality,
        other_municipality=other_municipality,
        unit=unit,
        former_unit=former_unit,
        field=field,
        goal=goal,
        indicator=indicator,
        indicator_value=indicator_value,
        initiative=initiative,
        milestone=milestone,
        budget_line=budget_line,
        link=link,
        status_report=status_report,
        municipality_initiative=municipality_initiative,
        staff_user=staff_user,
        unit_editor=UnitEditorFactory(username="amt12", body=county, org_unit=unit),
        municipality_editor=MunicipalityEditorFactory(username="siegburg", body=municipality),
        group_rule=identity_actions.create_group_rule(
            acting_user=staff_user,
            source=GroupRule.Source.OIDC,
            group="smartkreis-digital",
            role=staff_user.Role.STAFF_UNIT,
            position=10,
        ),
    )


def _build_steering_group(*, county, unit, field, staff_user):
    """A steering group that met yesterday: one topic decided, one ready, one in preparation."""
    today = timezone.localdate()
    chair = PersonFactory(given_name="Sebastian", family_name="Landrat")
    committee = governance_actions.create_committee(
        acting_user=staff_user,
        body=county,
        name="Lenkungsgruppe Digitalisierung",
        kind=Organization.Kind.STEERING_GROUP,
    )
    membership = governance_actions.add_membership(
        acting_user=staff_user,
        organization=committee,
        person=chair,
        function_title="Landrat",
        role=Membership.Role.CHAIR,
    )

    def ready_topic(title, **flags):
        topic = topic_actions.submit_topic(
            acting_user=staff_user,
            title=title,
            problem="Anträge kommen auf Papier.",
            proposal="Online-Antrag einführen.",
            fields=[field],
            **flags,
        )
        topic_actions.change_topic_status(
            acting_user=staff_user, topic=topic, new_status=Topic.Status.IN_PREPARATION
        )
        for statement in topic.statements.all():
            topic_actions.give_statement(
                acting_user=staff_user,
                statement=statement,
                result=Statement.Result.AGREED,
                given_on=today,
            )
        return topic_actions.change_topic_status(
            acting_user=staff_user, topic=topic, new_status=Topic.Status.READY_FOR_DECISION
        )

    decided_topic = ready_topic("E-Akte im Jugendamt", touches_personal_data=True)
    open_topic = ready_topic("Chatbot für das Bürgerbüro")
    prepared_topic = topic_actions.submit_topic(
        acting_user=staff_user,
        title="Telearbeit ausweiten",
        problem="Zu wenige Telearbeitsplätze.",
        proposal="Rahmendienstvereinbarung anpassen.",
        fields=[field],
        touches_working_conditions=True,
    )
    topic_actions.change_topic_status(
        acting_user=staff_user, topic=prepared_topic, new_status=Topic.Status.IN_PREPARATION
    )
    yesterday = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(10))
    )
    meeting = governance_actions.plan_meeting(
        acting_user=staff_user,
        organization=committee,
        start=yesterday,
        end=yesterday + datetime.timedelta(hours=2),
        location="Kreishaus Siegburg",
    )
    governance_actions.build_agenda(
        acting_user=staff_user,
        meeting=meeting,
        topics=[decided_topic, open_topic],
        standing_kinds=[AgendaItem.Kind.STAFF_UNIT_REPORT],
    )
    decided_item = meeting.agenda_items.get(topic=decided_topic)
    decision = governance_actions.record_decision(
        acting_user=staff_user,
        item=decided_item,
        outcome=Decision.Outcome.APPROVED,
        priority=Decision.Priority.A,
        text="Die E-Akte wird im Jugendamt eingeführt.",
    )
    action_item = governance_actions.add_action_item(
        acting_user=staff_user,
        meeting=meeting,
        title="Zeitplan vorlegen",
        owner_unit=unit,
        due_date=today + datetime.timedelta(days=14),
    )
    return {
        "topic": prepared_topic,
        "statement": prepared_topic.statements.get(),
        "organization": committee,
        "committee": committee,
        "membership": membership,
        "meeting": meeting,
        "item": meeting.agenda_items.get(topic=open_topic),
        "agenda_item": meeting.agenda_items.get(topic=open_topic),
        "decision": decision,
        "action_item": action_item,
    }


def _blank_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _build_council_work(*, county, unit, field, indicator, staff_user):
    """A draft resolution with every kind of live-data block, a finalised version, an
    attachment, its Beratungsfolge (one decided, one still open), and a progress report."""
    today = timezone.localdate()
    committee = governance_actions.create_committee(
        acting_user=staff_user,
        body=county,
        name="Ausschuss für Wirtschaft, Digitalisierung und Tourismus",
        kind=Organization.Kind.COMMITTEE,
    )
    council = governance_actions.create_committee(
        acting_user=staff_user, body=county, name="Kreistag", kind=Organization.Kind.COUNCIL
    )
    session = governance_actions.plan_meeting(
        acting_user=staff_user,
        organization=committee,
        start=timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time(17))
        ),
        location="Kreishaus Siegburg",
    )
    paper = paper_actions.create_paper(
        acting_user=staff_user,
        body=county,
        kind=Paper.Kind.DRAFT_RESOLUTION,
        reference="BV/0012/2021",
        date=today - datetime.timedelta(days=21),
        subject="Digitalisierungsstrategie und Stabsstelle Digitalisierung",
        originator_unit=unit,
        resolution_proposal="Der Ausschuss beschließt die Erarbeitung einer Digitalstrategie.",
        preliminary_remark="Mit Schreiben vom 25.05.2020 hat die Fraktion beantragt ...",
        explanation="1. Status quo",
        affects_budget=False,
    )
    blocks = [
        paper_actions.add_block(
            acting_user=staff_user,
            paper=paper,
            position=position,
            kind=kind,
            title=title,
            parameters=parameters,
        )
        for position, (kind, title, parameters) in enumerate(
            [
                (PaperBlock.Kind.INITIATIVE_STATUS, "Status quo", {"fields": [field.pk]}),
                (PaperBlock.Kind.TRAFFIC_LIGHTS, "Ampeln", {}),
                (PaperBlock.Kind.INDICATOR_CHART, "Kennzahl", {"indicator": indicator.pk}),
                (
                    PaperBlock.Kind.STEERING_DECISIONS,
                    "Beschlüsse der Lenkungsgruppe",
                    {"since": "2020-01-01"},
                ),
            ],
            1,
        )
    ]
    paper_file = paper_actions.add_file(
        acting_user=staff_user,
        paper=paper,
        upload=SimpleUploadedFile("anlage.pdf", _blank_pdf(), "application/pdf"),
        name="Anlage 1",
    )
    decided = paper_actions.add_consultation(
        acting_user=staff_user,
        paper=paper,
        position=1,
        organization=committee,
        meeting=session,
        role="Entscheidung",
        authoritative=True,
    )
    pending = paper_actions.add_consultation(
        acting_user=staff_user,
        paper=paper,
        position=2,
        organization=council,
        planned_date=today + datetime.timedelta(days=30),
        role="Kenntnisnahme",
    )
    paper_actions.finalise_paper(acting_user=staff_user, paper=paper)
    council_decision = council_actions.record_council_decision(
        acting_user=staff_user,
        consultation=decided,
        text="Die Verwaltung erarbeitet eine Digitalstrategie.",
        decided_on=today - datetime.timedelta(days=7),
        result=Consultation.Result.APPROVED,
        owner_unit=unit,
        deadline=today + datetime.timedelta(days=90),
    )
    progress_report = report_actions.create_progress_report(
        acting_user=staff_user,
        committee=committee,
        period_start=today - datetime.timedelta(days=365),
        period_end=today,
        summary="Die Strategie ist auf gutem Weg.",
    )
    return {
        "paper": paper,
        "block": blocks[0],
        "file": paper_file,
        "consultation": pending,
        "number": 1,
        "council_decision": council_decision,
        "progress_report": progress_report,
    }


def _build_online_services(*, county, municipality, unit, staff_user):
    """An OZG service offered online by the county and planned in Siegburg, with a maturity
    assessment, a shared solution rolled out, and a business process of the unit."""
    from online_services import actions as service_actions
    from online_services.models import MaturityModel, RolloutStatus, ServiceOffer
    from online_services.tests.factories import OZGServiceFactory, ServiceTopicFactory
    from processes import actions as process_actions
    from processes.models import BusinessProcess

    topic = ServiceTopicFactory(name="Bauen & Wohnen")
    service = OZGServiceFactory(name="Baugenehmigung", ozg_id="10516", topic=topic)
    offer = service_actions.create_offer(
        acting_user=staff_user,
        body=county,
        service=service,
        status=ServiceOffer.Status.ONLINE,
        platform=ServiceOffer.Platform.CIVITEC_PORTAL,
        online_since=datetime.date(2023, 5, 1),
        cases_per_year=1200,
    )
    service_actions.create_offer(
        acting_user=staff_user,
        body=municipality,
        service=service,
        status=ServiceOffer.Status.PLANNED,
    )
    # Browser tests flush the database (transactional), data migrations' rows included.
    importlib.import_module("online_services.migrations.0002_maturity_models").seed(apps, None)
    model = MaturityModel.objects.get(code="OZG-1.1")
    service_actions.record_assessment(
        acting_user=staff_user,
        offer=offer,
        model=model,
        level=model.levels.order_by("-level").values_list("level", flat=True).first(),
        assessed_on=datetime.date(2024, 6, 30),
    )
    solution = service_actions.create_solution(
        acting_user=staff_user,
        services=[service],
        name="Bürgerportal (civitec)",
        kind="PORTAL",
        provider="civitec",
    )
    service_actions.set_solution_rollout(
        acting_user=staff_user, solution=solution, body=county, status=RolloutStatus.LIVE
    )
    process = process_actions.create_process(
        acting_user=staff_user,
        org_unit=unit,
        name="Posteingang scannen",
        service=service,
        cases_per_year=40000,
        minutes_per_case=Decimal("4"),
        target_minutes_per_case=Decimal("1"),
        media_breaks=2,
        digitisation=BusinessProcess.Digitisation.PARTLY,
    )
    return {"offer": offer, "solution": solution, "process": process}
