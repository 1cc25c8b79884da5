"""A large, invented county for the benchmark, written with bulk_create.

19 municipalities (the Rhein-Sieg-Kreis's keys), about 60 units, 8 fields of action with goals
and indicators, and by default 2,000 initiatives with fields, participants, goals, milestones,
budget lines, 20,000 status reports and 50,000 indicator values. The derived values of each
initiative (progress, traffic light, last report, next report due) are computed with the same
rules as portfolio.actions, so lists and filters see a consistent register.

The register is generated over a list of counties (`fill_register`): the county bench has one,
the Land bench (demo.bench_land) 31, each with its own municipalities and units.

Only for a separate benchmark database: nothing here goes through the actions or writes the
audit trail beyond one "created" entry per initiative.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.models import User
from audit.models import AuditEntry
from organisations.models import Body, OrgUnit
from portfolio import rules
from portfolio.models import (
    BudgetLine,
    Initiative,
    InitiativeLink,
    Milestone,
    StatusReport,
    TrafficLight,
)
from strategy.models import FieldOfAction, Goal, Indicator, IndicatorValue

from .datafiles import demo_data
from .fast_insert import insert_rows, update_rows

STAFF_UNIT_USERNAME = "bench-stabsstelle"
MUNICIPALITY_USERNAME = "bench-siegburg"

TOPICS = [
    "Online-Antrag",
    "E-Akte",
    "Fachverfahren",
    "Terminvergabe",
    "Glasfaseranschluss",
    "WLAN",
    "Schul-IT",
    "Geodaten",
    "Open Data",
    "Rechnungsworkflow",
    "Bürgerportal",
    "Sensorik",
    "Mobiles Arbeiten",
    "Videoberatung",
    "Prozessanalyse",
]
ACTIONS = ["Einführung", "Ausbau", "Pilot", "Umstellung", "Ablösung", "Konzept"]
STATUS_WEIGHTS = [
    (Initiative.Status.IN_PROGRESS, 60),
    (Initiative.Status.PLANNED, 10),
    (Initiative.Status.IDEA, 8),
    (Initiative.Status.COMPLETED, 17),
    (Initiative.Status.STOPPED, 5),
]
CYCLE_WEIGHTS = [
    (Initiative.ReportingCycle.MONTHLY, 15),
    (Initiative.ReportingCycle.QUARTERLY, 60),
    (Initiative.ReportingCycle.HALF_YEARLY, 20),
    (Initiative.ReportingCycle.YEARLY, 5),
]
LIGHT_WEIGHTS = [(TrafficLight.GREEN, 60), (TrafficLight.YELLOW, 28), (TrafficLight.RED, 12)]


@dataclass(frozen=True)
class BenchSize:
    initiatives: int = 2000
    reports: int = 20000
    indicator_values: int = 50000
    milestones_per_initiative: int = 4
    budget_lines_per_initiative: int = 3

    @classmethod
    def scaled(cls, initiatives, *, reports=None, indicator_values=None):
        """A size for `initiatives`, with reports and values in the default proportion."""
        return cls(
            initiatives=initiatives,
            reports=reports if reports is not None else initiatives * 10,
            indicator_values=(
                indicator_values if indicator_values is not None else initiatives * 25
            ),
        )


@dataclass(frozen=True)
class County:
    """A county's body, its municipalities and its units, as the register is filled over them."""

    body: Body
    municipalities: list
    units: list


@dataclass(frozen=True)
class BenchCounty:
    staff_unit_user: User
    municipality_user: User
    detail_initiative_id: int
    counts: dict


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _days(n):
    return datetime.timedelta(days=n)


@transaction.atomic
def generate_county(*, size, today, seed=2021):
    """Write the benchmark county into the (empty, migrated) database."""
    county = demo_county()
    create_association()
    return fill_register(counties=[county], size=size, today=today, seed=seed)


def fill_register(*, counties, size, today, seed=2021):
    """The strategy and `size`'s register over `counties` (their bodies and units written),
    with the two measured users in the first county: its staff unit and Siegburg's editor."""
    rng = random.Random(seed)
    units = [unit for county in counties for unit in county.units]
    fields, goals, indicators = _strategy(rng, units, size)
    initiatives = _initiatives(rng, size, today, counties)
    _relations(rng, initiatives, fields, goals, indicators, counties)
    latest, report_counts = _reports(rng, size, today, initiatives)
    _milestones_and_budget(rng, size, today, initiatives)
    _derive(initiatives, latest)
    _audit(initiatives)
    measured = counties[0]
    siegburg = next(body for body in measured.municipalities if body.name == "Siegburg")
    staff_unit = next(unit for unit in measured.units if unit.kind == OrgUnit.Kind.STAFF_UNIT)
    staff_user = User.objects.create(
        username=STAFF_UNIT_USERNAME,
        role=User.Role.STAFF_UNIT,
        body=measured.body,
        org_unit=staff_unit,
        first_name="Bench",
        last_name="Stabsstelle",
    )
    municipality_user = User.objects.create(
        username=MUNICIPALITY_USERNAME,
        role=User.Role.MUNICIPALITY_EDITOR,
        body=siegburg,
        first_name="Bench",
        last_name="Siegburg",
    )
    # The detail page measured: a county initiative (visible to both users) with most reports.
    county_ids = [
        initiative.pk
        for initiative in initiatives
        if initiative.owner_body_id == measured.body.pk and initiative.pk in report_counts
    ]
    detail_id = max(county_ids or [initiatives[0].pk], key=lambda pk: report_counts.get(pk, 0))
    counts = {
        "Kommunen": sum(len(county.municipalities) for county in counties),
        "Organisationseinheiten": len(units),
        "Ziele": len(goals),
        "Kennzahlen": len(indicators),
        "Messwerte": IndicatorValue.objects.count(),
        "Vorhaben": len(initiatives),
        "Statusberichte": sum(report_counts.values()),
        "Meilensteine": Milestone.objects.count(),
        "Budgetzeilen": BudgetLine.objects.count(),
    }
    return BenchCounty(
        staff_unit_user=staff_user,
        municipality_user=municipality_user,
        detail_initiative_id=detail_id,
        counts=counts,
    )


def demo_county():
    """The Rhein-Sieg-Kreis and its 19 municipalities from the demo's data, with bench units."""
    data = demo_data()
    county = Body.objects.create(
        **data.county,
        kind=Body.Kind.COUNTY,
        population=sum(row["population"] for row in data.municipalities),
        population_date=data.population_date,
    )
    municipalities = Body.objects.bulk_create(
        Body(
            **row,
            kind=Body.Kind.MUNICIPALITY,
            population_date=data.population_date,
            parent=county,
        )
        for row in data.municipalities
    )
    return County(body=county, municipalities=municipalities, units=county_units(county))


def create_association():
    """A body that is neither county nor municipality (no offers, owns no initiatives)."""
    return Body.objects.create(name="Zweckverband civitec", kind=Body.Kind.ASSOCIATION)


def county_units(county):
    """About 60 units: 5 directorates, 25 offices, 50 divisions and the staff unit."""
    directorates = OrgUnit.objects.bulk_create(
        OrgUnit(body=county, number=str(n), name=f"Dezernat {n}", kind=OrgUnit.Kind.DIRECTORATE)
        for n in range(1, 6)
    )
    offices = OrgUnit.objects.bulk_create(
        OrgUnit(
            body=county,
            number=str(10 + n * 3),
            name=f"Amt {10 + n * 3}",
            kind=OrgUnit.Kind.OFFICE,
            parent=directorates[n % len(directorates)],
        )
        for n in range(25)
    )
    divisions = OrgUnit.objects.bulk_create(
        OrgUnit(
            body=county,
            number=f"{office.number}.{k}",
            name=f"Abteilung {office.number}.{k}",
            kind=OrgUnit.Kind.DIVISION,
            parent=office,
        )
        for office in offices
        for k in (1, 2)
    )
    staff_unit = OrgUnit.objects.create(
        body=county,
        name="Stabsstelle Digitalisierung",
        kind=OrgUnit.Kind.STAFF_UNIT,
        parent=offices[0],
    )
    return [*directorates, *offices, *divisions, staff_unit]


def _strategy(rng, units, size):
    fields = FieldOfAction.objects.bulk_create(
        FieldOfAction(
            code=spec["code"],
            name=spec["name"],
            is_cross_cutting=spec["cross_cutting"],
            position=position,
        )
        for position, spec in enumerate(demo_data().fields, 1)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            field=field,
            title=f"{field.name}: Ziel {k}",
            owner_unit=rng.choice(units),
            target_date=datetime.date(2030, 12, 31),
            position=k,
        )
        for field in fields
        for k in range(1, 6)
    )
    baseline_date = datetime.date(2019, 1, 1)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            goal=goal,
            name=f"Kennzahl {goal.pk}.{k}",
            unit="%",
            baseline_value=Decimal("10"),
            baseline_date=baseline_date,
            target_value=Decimal("90"),
            target_date=datetime.date(2030, 12, 31),
            source="Benchmark",
        )
        for goal in goals
        for k in range(1, 6)
    )
    per_indicator, extra = divmod(size.indicator_values, len(indicators))
    # Values on consecutive days, so any count fits (one value per indicator and day).
    values = (
        IndicatorValue(
            indicator_id=indicator.pk,
            measured_on=baseline_date + _days(k),
            value=Decimal(min(100, 10 + k * 80 // max(per_indicator, 1) + rng.randint(0, 5))),
        )
        for index, indicator in enumerate(indicators)
        for k in range(per_indicator + (1 if index < extra else 0))
    )
    insert_rows(IndicatorValue, values)
    return fields, goals, indicators


def _initiative(rng, index, today, owner_body, owner_unit, parent=None, status=None):
    status = status or _pick(rng, STATUS_WEIGHTS)
    if status in (Initiative.Status.IDEA, Initiative.Status.PLANNED):
        start = today + _days(rng.randint(30, 400))
    else:
        start = today - _days(rng.randint(200, 2400))
    end = start + _days(rng.randint(365, 1800))
    if status in (Initiative.Status.COMPLETED, Initiative.Status.STOPPED):
        end = min(end, today - _days(rng.randint(10, 120)))
        end = max(end, start + _days(60))
    return Initiative(
        title=f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} – Vorhaben {index + 1}",
        description="Benchmark-Vorhaben mit erfundenen Angaben.",
        owner_body=owner_body,
        owner_unit=owner_unit,
        status=status,
        status_changed_on=min(start, today) if status != Initiative.Status.COMPLETED else end,
        start_date=start,
        end_date=end,
        priority=rng.choice(Initiative.Priority.values),
        parent=parent,
        weight=rng.randint(1, 5) if parent is not None else 1,
        reporting_cycle=_pick(rng, CYCLE_WEIGHTS),
        demo_note="Benchmark-Daten",
    )


def _owner(rng, county):
    if rng.random() < 0.65:
        return county.body, rng.choice(county.units)
    return rng.choice(county.municipalities), None


def _initiatives(rng, size, today, counties):
    """Every 20th initiative is a parent of the next three; the rest stand alone. The counties
    take equal consecutive shares, each owning about 65 % itself and leaving the rest to its
    municipalities."""
    parents, plan = {}, []
    for index in range(size.initiatives):
        if index % 20 == 0:
            county = counties[index * len(counties) // size.initiatives]
            owner_body, owner_unit = _owner(rng, county)
            parents[index] = _initiative(
                rng, index, today, owner_body, owner_unit, status=Initiative.Status.IN_PROGRESS
            )
        else:
            plan.append(index)
    insert_rows(Initiative, list(parents.values()), with_ids=True)
    others = []
    for index in plan:
        parent = parents.get(index - index % 20) if index % 20 <= 3 else None
        if parent is not None:
            owner_body, owner_unit = parent.owner_body, parent.owner_unit
        else:
            county = counties[index * len(counties) // size.initiatives]
            owner_body, owner_unit = _owner(rng, county)
        status = Initiative.Status.IN_PROGRESS if parent is not None else None
        others.append(_initiative(rng, index, today, owner_body, owner_unit, parent, status))
    insert_rows(Initiative, others, with_ids=True)
    return [*parents.values(), *others]


def _relations(rng, initiatives, fields, goals, indicators, counties):
    through = Initiative.fields.through
    insert_rows(
        through,
        (
            through(initiative_id=initiative.pk, fieldofaction_id=field.pk)
            for initiative in initiatives
            for field in rng.sample(fields, rng.randint(1, 2))
        ),
    )
    # Municipalities take part in initiatives of their own county (or of themselves).
    municipalities_by_body = {}
    for county in counties:
        for body in (county.body, *county.municipalities):
            municipalities_by_body[body.pk] = county.municipalities
    through = Initiative.participating_bodies.through
    rows = []
    for initiative in initiatives:
        municipalities = municipalities_by_body[initiative.owner_body_id]
        roll = rng.random()
        if roll < 0.03:
            chosen = municipalities
        elif roll < 0.35:
            chosen = rng.sample(municipalities, min(rng.randint(1, 4), len(municipalities)))
        else:
            chosen = []
        rows.extend(
            through(initiative_id=initiative.pk, body_id=body.pk)
            for body in chosen
            if body.pk != initiative.owner_body_id
        )
    insert_rows(through, rows)
    through = Initiative.goals.through
    insert_rows(
        through,
        (
            through(initiative_id=initiative.pk, goal_id=goal.pk)
            for initiative in initiatives
            for goal in rng.sample(goals, rng.randint(0, 2))
        ),
    )
    through = Initiative.indicators.through
    insert_rows(
        through,
        (
            through(initiative_id=initiative.pk, indicator_id=indicator.pk)
            for initiative in initiatives
            for indicator in rng.sample(indicators, rng.randint(0, 2))
        ),
    )
    insert_rows(
        InitiativeLink,
        (
            InitiativeLink(
                initiative=initiative,
                title="Internetauftritt des Rhein-Sieg-Kreises",
                url=demo_data().county["website"],
            )
            for initiative in initiatives[::5]
        ),
    )


def _reports(rng, size, today, initiatives):
    """`size.reports` reports spread over the initiatives that have started, newest near today.

    Moves an initiative's start back to its first report (written with the derived values);
    returns each initiative's latest report and its number of reports, by initiative id.
    """
    reporting = [
        initiative
        for initiative in initiatives
        if initiative.status
        in (Initiative.Status.IN_PROGRESS, Initiative.Status.COMPLETED, Initiative.Status.STOPPED)
    ]
    if not reporting:
        return {}, {}
    per_initiative, extra = divmod(size.reports, len(reporting))
    latest_reports, counts = {}, {}

    def generated():
        for index, initiative in enumerate(reporting):
            count = per_initiative + (1 if index < extra else 0)
            if initiative.status == Initiative.Status.IN_PROGRESS:
                latest = today - _days(rng.randint(0, 150))
            else:
                latest = initiative.end_date - _days(rng.randint(0, 30))
            step = 30 if count > 12 else 91
            progress = rng.randint(40, 95)
            for k in range(count):
                overall = _pick(rng, LIGHT_WEIGHTS)
                report = StatusReport(
                    initiative_id=initiative.pk,
                    reported_on=latest - _days(k * step),
                    schedule=overall,
                    cost=_pick(rng, LIGHT_WEIGHTS),
                    scope=TrafficLight.GREEN,
                    overall=overall,
                    progress=max(0, progress - k * 3),
                    summary="Benchmark-Statusbericht.",
                    next_steps="Weiter nach Plan.",
                )
                if k == 0:
                    latest_reports[initiative.pk] = report
                yield report
            if count:
                counts[initiative.pk] = count
            earliest = latest - _days((count - 1) * step)
            if initiative.start_date > earliest:
                initiative.start_date = earliest

    # Streamed: the Land's half a million reports need not be in memory at once.
    insert_rows(StatusReport, generated())
    return latest_reports, counts


def _milestones_and_budget(rng, size, today, initiatives):
    milestones, lines = [], []
    for initiative in initiatives:
        span = max((initiative.end_date - initiative.start_date).days, 1)
        for k in range(size.milestones_per_initiative):
            planned = initiative.start_date + _days(
                span * (k + 1) // (size.milestones_per_initiative + 1)
            )
            reached = planned <= today and rng.random() < 0.8
            milestones.append(
                Milestone(
                    initiative_id=initiative.pk,
                    title=f"Meilenstein {k + 1}",
                    planned_date=planned,
                    actual_date=min(planned + _days(rng.randint(-10, 40)), today)
                    if reached
                    else None,
                )
            )
        for k in range(size.budget_lines_per_initiative):
            amount = Decimal(rng.randint(10, 500) * 1000)
            grant = rng.random() < 0.3
            lines.append(
                BudgetLine(
                    initiative_id=initiative.pk,
                    year=min(initiative.start_date.year + k, 2100),
                    amount=amount,
                    funding_source=(
                        BudgetLine.FundingSource.GRANT
                        if grant
                        else BudgetLine.FundingSource.OWN_FUNDS
                    ),
                    grant_programme="Förderprogramm (Benchmark)" if grant else "",
                    grant_amount=(amount * Decimal("0.8")).quantize(Decimal("1"))
                    if grant
                    else None,
                )
            )
    insert_rows(Milestone, milestones)
    insert_rows(BudgetLine, lines)


def _derive(initiatives, latest):
    """Progress, light and reporting dates as portfolio.actions.refresh_derived_state sets them,
    from each initiative's latest report (by initiative id); written with the start dates."""
    children = {}
    for initiative in initiatives:
        if initiative.parent_id:
            children.setdefault(initiative.parent_id, []).append(initiative)
    # Leaves first, then parents (one level of nesting).
    ordered = sorted(initiatives, key=lambda initiative: initiative.pk in children)
    for initiative in ordered:
        report = latest.get(initiative.pk)
        parts = [
            child
            for child in children.get(initiative.pk, [])
            if child.status != Initiative.Status.STOPPED
        ]
        if parts:
            initiative.progress = rules.weighted_progress([(c.weight, c.progress) for c in parts])
            initiative.traffic_light = rules.combined_traffic_light(
                [(c.weight, c.traffic_light) for c in parts]
            )
        elif initiative.status == Initiative.Status.COMPLETED:
            initiative.progress, initiative.traffic_light = 100, report.overall if report else ""
        else:
            initiative.progress = report.progress if report else 0
            initiative.traffic_light = report.overall if report else ""
        initiative.last_report_on = report.reported_on if report else None
        initiative.next_report_due = (
            rules.next_report_due(
                cycle=initiative.reporting_cycle,
                last_report_on=initiative.last_report_on,
                start_date=initiative.start_date,
            )
            if initiative.status == Initiative.Status.IN_PROGRESS
            else None
        )
    update_rows(
        Initiative,
        initiatives,
        ["start_date", "progress", "traffic_light", "last_report_on", "next_report_due"],
    )


def _audit(initiatives):
    content_type = ContentType.objects.get_for_model(Initiative)
    insert_rows(
        AuditEntry,
        (
            AuditEntry(
                actor_name="Benchmark",
                source=AuditEntry.Source.IMPORT,
                action=AuditEntry.Action.CREATE,
                subject_type=content_type,
                subject_id=str(initiative.pk),
                subject_repr=initiative.title,
                scope_type=content_type,
                scope_id=str(initiative.pk),
                changes={"title": [None, initiative.title]},
            )
            for initiative in initiatives
        ),
    )
