"""Writing the Rhein-Sieg-Kreis demo (the data files of demo/data/) to the database.

`load_demo` is idempotent: every record is looked up by its natural key first (a body by its
AGS or name, a unit by body, number and name, an initiative by title and responsible body, a
user by user name ...) and only what is missing is created, so a second run changes nothing and
writes no audit entries. Existing records are never changed: edits made in the demo survive.

Initiatives and everything attached to them are written through portfolio.actions, the
reorganisation through organisations.actions.dissolve_org_unit, all with the audit source
"import" and the label "Demo-Import", so their history shows where they came from. Reference data
without actions (bodies, units, people, functions, fields of action) is created with the ORM;
goals, indicators and indicator values get an audit entry each.

The steering group's work (committees, topics, meetings, decisions, action items) follows, once
the demo logins exist: see demo.governance_loading.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.recording import record_change
from council.demo import load_demo_council
from legal.demo import load_demo_legal
from online_services.demo import load_demo_online_services
from organisations.actions import dissolve_org_unit
from organisations.models import Body, Function, OrgUnit, Person
from papers.demo import load_demo_papers, publish_demo_papers
from portal.demo import load_demo_portal
from portfolio import actions as portfolio_actions
from portfolio.models import Initiative
from processes.demo import load_demo_processes
from reports.demo import load_demo_reports
from strategy.models import FieldOfAction, Goal, Indicator, IndicatorValue

from .datafiles import demo_data, resolve
from .governance_loading import load_governance

AUDIT_LABEL = "Demo-Import"
AUDIT = {"audit_source": AuditEntry.Source.IMPORT, "audit_label": AUDIT_LABEL}
LIGHTS = {"G": "GREEN", "Y": "YELLOW", "R": "RED"}

# German names of what was created, in the order of the summary.
KINDS = (
    "Körperschaften",
    "Organisationseinheiten",
    "Personen",
    "Funktionen",
    "Handlungsfelder",
    "Ziele",
    "Kennzahlen",
    "Messwerte",
    "Vorhaben",
    "Meilensteine",
    "Budgetzeilen",
    "Statusberichte",
    "Links",
    "aufgelöste Organisationseinheiten",
    "Demo-Zugänge",
    "Gremien",
    "Mitgliedschaften",
    "Themenanmeldungen",
    "Sitzungen",
    "Beschlüsse",
    "Wahlperioden",
    "Sitzungsorte",
    "Vorlagen",
    "Vorlagenfassungen",
    "Kreistagsbeschlüsse",
    "Fortschrittsberichte",
    "OZG-Leistungen",
    "LeiKa-Leistungen",
    "Gemeinsame Lösungen",
    "Einführungen gemeinsamer Lösungen",
    "Onlineangebote",
    "Reifegradbewertungen",
    "Geschäftsprozesse",
    "Stände je Körperschaft",
    "Aufträge",
    "Rechtstexte",
    "Rückmeldungen zur Barrierefreiheit",
)


@dataclass
class LoadResult:
    """How many records of each kind (see KINDS) a run created."""

    created: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return sum(self.created.values())

    def lines(self):
        return [f"{kind}: {self.created[kind]}" for kind in KINDS if self.created[kind]]


def demo_email(given_name, family_name):
    """A fictitious address at example.org: "Jürgen Pützer" → juergen.puetzer@example.org."""

    def ascii_part(text):
        text = text.lower()
        for umlaut, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(umlaut, replacement)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return "".join(char if char.isalnum() or char == "-" else "-" for char in text)

    return f"{ascii_part(given_name)}.{ascii_part(family_name)}@example.org"


@transaction.atomic
def load_demo(*, today=None):
    """Create whatever of the demo is missing; returns a LoadResult."""
    loader = _Loader(today or timezone.localdate())
    loader.run()
    return loader.result


class _Loader:
    def __init__(self, today):
        self.today = today
        self.data = demo_data()
        self.result = LoadResult()
        self.bodies = {}
        self.municipalities = []
        self.units = {}
        self.people = {}
        self.fields = {}
        self.goals = {}
        self.indicators = {}

    def run(self):
        self._bodies()
        self._units()
        self._people_and_functions()
        self._strategy()
        for spec in self.data.initiatives:
            self._initiative(spec)
        self._reorganisation()
        self._users()
        load_governance(self)
        load_demo_papers(self)
        load_demo_council(self)
        publish_demo_papers(self)
        load_demo_reports(self)
        load_demo_online_services(self)
        load_demo_processes(self)
        load_demo_legal(self)
        load_demo_portal(self)

    def _count(self, kind, created=True):
        if created:
            self.result.created[kind] += 1

    def _date(self, value):
        return resolve(value, self.today)

    # Bodies, units, people ---------------------------------------------------------------

    def _bodies(self):
        data = self.data
        county, created = Body.objects.get_or_create(
            ags=data.county["ags"],
            defaults={
                **data.county,
                "kind": Body.Kind.COUNTY,
                "population": sum(row["population"] for row in data.municipalities),
                "population_date": data.population_date,
                "area_km2": sum(row["area_km2"] for row in data.municipalities),
            },
        )
        self._count("Körperschaften", created)
        self.bodies["county"] = county
        for row in data.municipalities:
            body, created = Body.objects.get_or_create(
                ags=row["ags"],
                defaults={
                    **row,
                    "kind": Body.Kind.MUNICIPALITY,
                    "population_date": data.population_date,
                    "parent": county,
                },
            )
            self._count("Körperschaften", created)
            self.bodies[row["name"]] = body
            self.municipalities.append(body)
        for key, values in data.other_bodies.items():
            body, created = Body.objects.get_or_create(name=values["name"], defaults=values)
            self._count("Körperschaften", created)
            self.bodies[key] = body

    def _units(self):
        county = self.bodies["county"]
        for key, spec in self.data.org_units.items():
            unit, created = OrgUnit.objects.get_or_create(
                body=county,
                number=spec.get("number", ""),
                name=spec["name"],
                defaults={
                    "kind": spec["kind"],
                    "parent": self.units[spec["parent"]] if "parent" in spec else None,
                    "valid_from": spec.get("valid_from"),
                },
            )
            self._count("Organisationseinheiten", created)
            self.units[key] = unit

    def _people_and_functions(self):
        for key, spec in self.data.people.items():
            person, created = Person.objects.get_or_create(
                email=demo_email(spec["given_name"], spec["family_name"]),
                defaults={"title": "", **spec, "is_demo": True},
            )
            self._count("Personen", created)
            self.people[key] = person
        for spec in self.data.functions:
            _function, created = Function.objects.get_or_create(
                kind=spec["kind"],
                title=spec["title"],
                body=self.bodies[spec["body"]],
                org_unit=self.units[spec["unit"]] if "unit" in spec else None,
                defaults={
                    "person": self.people[spec["person"]],
                    "start_date": spec.get("start"),
                    "end_date": spec.get("end"),
                },
            )
            self._count("Funktionen", created)

    # Strategy ----------------------------------------------------------------------------

    def _record_import(self, obj):
        record_change(
            actor=None,
            action=AuditEntry.Action.CREATE,
            obj=obj,
            source=AuditEntry.Source.IMPORT,
            label=AUDIT_LABEL,
        )

    def _strategy(self):
        for position, spec in enumerate(self.data.fields, 1):
            field_of_action, created = FieldOfAction.objects.get_or_create(
                code=spec["code"],
                defaults={
                    "name": spec["name"],
                    "is_cross_cutting": spec["cross_cutting"],
                    "description": spec["description"],
                    "position": position,
                },
            )
            self._count("Handlungsfelder", created)
            self.fields[spec["code"]] = field_of_action

        positions = Counter()
        for key, spec in self.data.goals.items():
            positions[spec["field"]] += 1
            goal, created = Goal.objects.get_or_create(
                field=self.fields[spec["field"]],
                title=spec["title"],
                defaults={
                    "description": spec["description"],
                    "owner_unit": self.units[spec["owner_unit"]],
                    "target_date": spec["target_date"],
                    "position": positions[spec["field"]],
                },
            )
            if created:
                self._record_import(goal)
            self._count("Ziele", created)
            self.goals[key] = goal
            for indicator_key, indicator_spec in spec["indicators"].items():
                self.indicators[indicator_key] = self._indicator(goal, indicator_spec)

    def _indicator(self, goal, spec):
        values = {key: value for key, value in spec.items() if key not in ("name", "values")}
        indicator, created = Indicator.objects.get_or_create(
            goal=goal, name=spec["name"], defaults={"description": "", **values}
        )
        if created:
            self._record_import(indicator)
        self._count("Kennzahlen", created)
        for row in spec["values"]:
            indicator_value, created = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                measured_on=row["measured_on"],
                defaults={"value": row["value"], "note": row["note"]},
            )
            if created:
                self._record_import(indicator_value)
            self._count("Messwerte", created)
        return indicator

    # Initiatives -------------------------------------------------------------------------

    def _participants(self, spec):
        bodies = []
        for key in spec.get("participants", []):
            if key == "municipalities":
                bodies.extend(self.municipalities)
            else:
                bodies.append(self.bodies[key])
        return bodies

    def _initiative(self, spec, parent=None):
        owner_body = parent.owner_body if parent else self.bodies[spec["owner"]]
        initiative = (
            Initiative.objects.filter(title=spec["title"], owner_body=owner_body)
            .order_by("id")
            .first()
        )
        if initiative is None:
            initiative = self._create_initiative(spec, owner_body, parent)
        for child in spec.get("children", []):
            self._initiative(child, parent=initiative)
        return initiative

    def _create_initiative(self, spec, owner_body, parent):
        start = self._date(spec.get("start"))
        if parent is not None:
            unit = parent.owner_unit
        else:
            unit = self.units[spec["unit"]] if spec.get("unit") else None
        initiative = portfolio_actions.create_initiative(
            acting_user=None,
            today=self.today,
            **AUDIT,
            title=spec["title"],
            description=spec["description"],
            owner_body=owner_body,
            owner_unit=unit,
            participating_bodies=self._participants(spec),
            fields=[self.fields[code] for code in spec["fields"]],
            goals=[self.goals[key] for key in spec.get("goals", [])],
            indicators=[self.indicators[key] for key in spec.get("indicators", [])],
            status=spec["status"],
            status_changed_on=min(start or self.today, self.today),
            start_date=start,
            end_date=self._date(spec.get("end")),
            priority=spec["priority"],
            parent=parent,
            weight=spec.get("weight", 1),
            reporting_cycle=spec["cycle"],
            demo_note=spec.get("demo_note", ""),
        )
        self._count("Vorhaben")
        for milestone in spec.get("milestones", []):
            portfolio_actions.add_milestone(
                acting_user=None,
                initiative=initiative,
                **AUDIT,
                title=milestone["title"],
                planned_date=self._date(milestone["planned"]),
                actual_date=self._date(milestone.get("actual")),
            )
            self._count("Meilensteine")
        for line in spec.get("budget", []):
            portfolio_actions.add_budget_line(
                acting_user=None, initiative=initiative, **AUDIT, **line
            )
            self._count("Budgetzeilen")
        for report in spec.get("reports", []):
            schedule, cost, scope, overall = (LIGHTS[letter] for letter in report["lights"])
            portfolio_actions.submit_status_report(
                acting_user=None,
                initiative=initiative,
                today=self.today,
                **AUDIT,
                reported_on=self._date(report["reported_on"]),
                schedule=schedule,
                cost=cost,
                scope=scope,
                overall=overall,
                progress=report["progress"],
                summary=report["summary"],
                next_steps=report.get("next_steps", ""),
                risks=report.get("risks", ""),
                decisions_needed=report.get("decisions_needed", ""),
            )
            self._count("Statusberichte")
        for link in spec.get("links", []):
            portfolio_actions.add_link(acting_user=None, initiative=initiative, **link, **AUDIT)
            self._count("Links")
        if spec.get("completed_on"):
            # Reports are filed while the initiative runs; then it is completed.
            initiative = portfolio_actions.update_initiative(
                acting_user=None,
                initiative=initiative,
                today=self.today,
                **AUDIT,
                status=Initiative.Status.COMPLETED,
                status_changed_on=spec["completed_on"],
            )
        return initiative

    # Reorganisation and logins -----------------------------------------------------------

    def _reorganisation(self):
        for step in self.data.reorganisation:
            unit = self.units[step["unit"]]
            if unit.valid_until is not None:
                continue
            owner_key = step.get("initiatives_to")
            dissolve_org_unit(
                acting_user=None,
                unit=unit,
                last_day=step["last_day"],
                successors=[self.units[key] for key in step["successors"]],
                initiatives_to=self.units[owner_key] if owner_key else None,
                **AUDIT,
            )
            self._count("aufgelöste Organisationseinheiten")

    def _users(self):
        # One hash for the shared demo password: hashing is slow on purpose.
        password_hash = None
        for username, spec in self.data.demo_users.items():
            if User.objects.filter(username=username).exists():
                continue
            person = self.people[spec["person"]] if "person" in spec else None
            user = User(
                username=username,
                role=spec["role"],
                body=self.bodies[spec["body"]],
                org_unit=self.units[spec["unit"]] if "unit" in spec else None,
                person=person,
                first_name=person.given_name if person else spec["first_name"],
                last_name=person.family_name if person else spec["last_name"],
                email=person.email if person else f"{username}@example.org",
                is_staff=spec["role"] == User.Role.ADMINISTRATOR,
                is_superuser=spec["role"] == User.Role.ADMINISTRATOR,
            )
            password_hash = password_hash or make_password(self.data.demo_password)
            user.password = password_hash
            user.save()
            self._count("Demo-Zugänge")
