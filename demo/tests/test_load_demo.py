import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.queries import audit_entries_for
from demo.datafiles import demo_data
from demo.loading import load_demo
from organisations.models import Body, Function, OrgUnit, Person
from portfolio.models import BudgetLine, Initiative, InitiativeLink, Milestone, StatusReport
from strategy.models import FieldOfAction, Goal, Indicator, IndicatorValue

BROADBAND = "Breitbandausbau im Rhein-Sieg-Kreis"


def county_unit(number):
    return OrgUnit.objects.get(body__ags="05382000", number=number)


def test_bodies_have_official_keys_and_population(demo):
    county = Body.objects.get(ags="05382000")
    municipalities = Body.objects.filter(kind=Body.Kind.MUNICIPALITY)
    assert municipalities.count() == 19
    assert set(municipalities.values_list("parent", flat=True)) == {county.pk}
    alfter = Body.objects.get(name="Alfter")
    assert (alfter.ags, alfter.ars, alfter.designation) == ("05382004", "053820004004", "Gemeinde")
    siegburg = Body.objects.get(name="Siegburg")
    assert (siegburg.ags, siegburg.designation, siegburg.population) == ("05382060", "Stadt", 41554)
    assert siegburg.population_date == datetime.date(2019, 12, 31)
    assert county.ars == "053820000000"
    assert county.population == 600764
    assert county.website == "https://www.rhein-sieg-kreis.de"
    assert Body.objects.get(name="Zweckverband civitec").kind == Body.Kind.ASSOCIATION
    assert Body.objects.get(name="regio iT GmbH").kind == Body.Kind.COMPANY


def test_broadband_initiative_carries_the_figures_of_the_paper(demo):
    broadband = Initiative.objects.get(title=BROADBAND)
    assert broadband.owner_unit.name == "Referat Wirtschaftsförderung"
    assert broadband.participating_bodies.count() == 19
    assert broadband.start_date.year == 2015
    grants = broadband.budget_lines.filter(funding_source=BudgetLine.FundingSource.GRANT)
    assert grants.aggregate(total=Sum("grant_amount"))["total"] == Decimal("20000000")
    assert all(line.grant_amount <= line.amount and line.grant_programme for line in grants)
    children = {child.title: child.weight for child in broadband.children.all()}
    assert len(children) == 3
    assert any("25.000 Haushalte" in title for title in children)
    assert any("2.000 Gewerbetreibende" in title for title in children)
    assert any("184" in title for title in children)
    targets = {
        indicator.name: indicator.target_value
        for indicator in Indicator.objects.filter(initiatives__parent=broadband)
    }
    assert sorted(targets.values()) == [Decimal("184"), Decimal("2000"), Decimal("25000")]
    assert "Demo-Annahmen" in broadband.demo_note


def test_no_demo_amount_looks_like_a_placeholder(demo):
    """Amounts of one repeated digit (22.222.222,22 €) read as typed-in filler, not as figures."""

    def one_digit(amount):
        digits = str(amount).replace(".", "").rstrip("0")
        return len(digits) > 3 and len(set(digits)) == 1

    totals = BudgetLine.objects.values("initiative").annotate(total=Sum("amount"))
    amounts = [row["total"] for row in totals]
    amounts += BudgetLine.objects.values_list("amount", flat=True)
    assert [amount for amount in amounts if one_digit(amount)] == []


def test_every_initiative_of_the_paper_is_there(demo):
    titles = set(Initiative.objects.values_list("title", flat=True))
    for words in (
        "#MEK2020",
        "Gremienarbeit",
        "Bauen-online",
        "Geoportal",
        "Online-Terminvergabe",
        "Bürgerportal",
        "Mobiles Arbeiten",
        "Telefon",
        "Dokumentenmanagementsystem",
        "SORMAS",
        "Organisationsänderung",
    ):
        assert any(words in title for title in titles), words
    portal = Initiative.objects.get(title__startswith="Bürgerportal")
    participants = set(portal.participating_bodies.values_list("name", flat=True))
    assert "Zweckverband civitec" in participants
    assert len(participants) == 20
    assert Initiative.objects.filter(demo_note="").count() == 0
    mobile = Indicator.objects.get(name__startswith="Mobilfähige Arbeitsplätze")
    assert mobile.values.get(measured_on=datetime.date(2021, 2, 3)).value == 800
    assert "Demo-Annahme" in mobile.source


def test_municipal_views_are_not_empty(demo):
    for name in ("Siegburg", "Troisdorf", "Sankt Augustin", "Much"):
        assert Initiative.objects.filter(owner_body__name=name).exists(), name


def test_reorganisation_hands_initiatives_on_with_history(demo):
    office_10, division_10_2 = county_unit("10"), county_unit("10.2")
    office_11, office_12 = county_unit("11"), county_unit("12")
    division_10_1, division_11_3 = county_unit("10.1"), county_unit("11.3")
    assert office_10.valid_until == datetime.date(2022, 2, 28)
    assert division_10_2.valid_until == datetime.date(2022, 2, 28)
    assert office_12.valid_from == datetime.date(2022, 3, 1)
    assert set(office_10.successors.all()) == {office_11, office_12}
    assert list(division_10_2.successors.all()) == [office_12]
    assert list(division_11_3.predecessors.all()) == [division_10_1]
    assert OrgUnit.objects.get(name="Stabsstelle Digitalisierung").parent == office_12
    assert not division_10_2.initiatives.exists()

    telephony = Initiative.objects.get(title="Neue digitale Telefontechnologie")
    assert telephony.owner_unit == office_12
    transfer = [
        entry
        for entry in audit_entries_for(telephony)
        if entry.action == AuditEntry.Action.UPDATE and "owner_unit" in entry.changes
    ]
    assert len(transfer) == 1
    assert transfer[0].changes["owner_unit"] == [str(division_10_2), str(office_12)]
    assert (transfer[0].source, transfer[0].actor_name) == (AuditEntry.Source.IMPORT, "Demo-Import")

    reorganisation = Initiative.objects.get(title__startswith="Organisationsänderung")
    assert reorganisation.owner_unit == division_11_3
    assert reorganisation.status == Initiative.Status.COMPLETED
    assert reorganisation.status_changed_on == datetime.date(2022, 3, 1)


def test_register_looks_alive_today(demo):
    today = timezone.localdate()
    lights = set(Initiative.objects.values_list("traffic_light", flat=True))
    assert {"GREEN", "YELLOW", "RED"} <= lights
    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert {"IDEA", "PLANNED", "IN_PROGRESS", "COMPLETED"} <= statuses
    assert Initiative.objects.filter(next_report_due__lt=today).exists()
    assert Milestone.objects.filter(actual_date__isnull=True, planned_date__lt=today).exists()
    assert Milestone.objects.filter(actual_date__isnull=True, planned_date__gt=today).exists()
    assert not StatusReport.objects.filter(reported_on__gt=today).exists()
    assert InitiativeLink.objects.filter(url="https://www.rhein-sieg-kreis.de").exists()
    entries = AuditEntry.objects.filter(source=AuditEntry.Source.IMPORT)
    assert entries.exclude(actor_name="Demo-Import").count() == 0
    assert entries.filter(subject_type__model="goal").count() == Goal.objects.count()
    assert entries.filter(subject_type__model="indicatorvalue").count() == (
        IndicatorValue.objects.count()
    )


def test_strategy_and_functions(demo):
    fields = dict(FieldOfAction.objects.values_list("code", "is_cross_cutting"))
    assert fields == {
        "verwaltung": False,
        "daseinsvorsorge": False,
        "mobilitaet": False,
        "bildung": False,
        "wirtschaft": False,
        "breitband": True,
        "schul-it": True,
        "gesundheit": True,
    }
    for field in FieldOfAction.objects.all():
        assert 2 <= field.goals.count() <= 3, field.code
    assert Person.objects.filter(is_demo=False).count() == 0
    assert not Person.objects.exclude(email__endswith="@example.org").exists()
    kinds = set(Function.objects.values_list("kind", flat=True))
    assert {
        "CHIEF_EXECUTIVE",
        "DEPUTY_CHIEF_EXECUTIVE",
        "CHIEF_DIGITAL_OFFICER",
        "DATA_PROTECTION_OFFICER",
        "INFORMATION_SECURITY_OFFICER",
        "STAFF_COUNCIL",
        "EQUAL_OPPORTUNITIES_OFFICER",
        "DISABILITY_REPRESENTATIVE",
        "HEAD_OF_UNIT",
        "DIGITAL_COORDINATOR",
    } <= kinds


def test_demo_logins_one_per_role(demo):
    users = {user.username: user for user in User.objects.select_related("body", "org_unit")}
    expected = {
        "admin": User.Role.ADMINISTRATOR,
        "stabsstelle": User.Role.STAFF_UNIT,
        "amt12": User.Role.UNIT_EDITOR,
        "siegburg": User.Role.MUNICIPALITY_EDITOR,
        "lenkungsgruppe": User.Role.READER,
    }
    assert {name: users[name].role for name in expected} == expected
    assert all(users[name].check_password(demo_data().demo_password) for name in expected)
    assert users["admin"].is_superuser
    assert users["admin"].is_staff
    assert not users["stabsstelle"].is_superuser
    assert users["stabsstelle"].org_unit.name == "Stabsstelle Digitalisierung"
    assert users["amt12"].org_unit.number == "12"
    assert users["siegburg"].body.name == "Siegburg"
    assert users["lenkungsgruppe"].body.ags == "05382000"


def _state():
    models = (
        Body,
        OrgUnit,
        Person,
        Function,
        FieldOfAction,
        Goal,
        Indicator,
        IndicatorValue,
        Initiative,
        Milestone,
        BudgetLine,
        StatusReport,
        InitiativeLink,
        User,
        AuditEntry,
    )
    counts = {model.__name__: model.objects.count() for model in models}
    initiatives = list(
        Initiative.objects.order_by("id").values_list("id", "owner_unit", "version", "progress")
    )
    return counts, initiatives


def test_second_run_changes_nothing(demo):
    before = _state()
    again = load_demo()
    assert again.total == 0
    assert _state() == before
