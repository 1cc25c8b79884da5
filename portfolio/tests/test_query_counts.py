"""List, detail and export run as many queries with 200 initiatives as with 10.

Every initiative gets status reports, milestones, budget lines, several fields of action,
participating bodies, and a paper and a council decision on it (also linked to the parent whose
page is counted); the parent gains a participating body with its roll-out status per initiative,
so that a query per row (N+1) would show.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.tests.factories import (
    CommitteeFactory,
    ConsultationFactory,
    CouncilDecisionFactory,
    PaperFactory,
)
from organisations.tests.factories import MunicipalityFactory, OrgUnitFactory
from portfolio import actions
from portfolio.models import Initiative, InitiativeRollout, RolloutStatus
from portfolio.tests.factories import (
    BudgetLineFactory,
    InitiativeFactory,
    MilestoneFactory,
    StatusReportFactory,
)
from strategy.tests.factories import FieldOfActionFactory

pytestmark = pytest.mark.django_db


class Register:
    """Grows a register of initiatives below one parent, each with all its parts."""

    def __init__(self, world):
        self.world = world
        self.parent = world.county_initiative
        self.fields = [world.field, *(FieldOfActionFactory() for _ in range(2))]
        self.bodies = [world.town, MunicipalityFactory(parent=world.county)]
        self.units = [world.office, OrgUnitFactory(body=world.county)]
        self.committee = CommitteeFactory(body=world.county)

    def grow_to(self, total):
        for number in range(Initiative.objects.count(), total):
            initiative = InitiativeFactory(
                title=f"Vorhaben {number:03d}",
                owner_body=self.world.county,
                owner_unit=self.units[number % 2],
                parent=self.parent,
                fields=self.fields,
                next_report_due=datetime.date(2020 + number % 10, 1, 1),
            )
            initiative.participating_bodies.set(self.bodies)
            for target in (initiative, self.parent):
                StatusReportFactory(initiative=target)
                MilestoneFactory(initiative=target)
                BudgetLineFactory(
                    initiative=target,
                    funding_source="GRANT",
                    grant_programme="Gigabit.NRW",
                    grant_amount=Decimal("1000"),
                )
            self._council_work(initiative, number)
            self._rollout(number)
        assert Initiative.objects.count() == total

    def _rollout(self, number):
        body = MunicipalityFactory(parent=self.world.county)
        self.parent.participating_bodies.add(body)
        if number % 2:
            InitiativeRollout.objects.create(
                initiative=self.parent, body=body, status=RolloutStatus.IN_PROGRESS
            )

    def _council_work(self, initiative, number):
        paper = PaperFactory(body=self.world.county, is_public=number % 2 == 0)
        paper.initiatives.set([initiative, self.parent])
        decision = CouncilDecisionFactory(
            consultation=ConsultationFactory(
                paper=paper, organization=self.committee, is_public=number % 3 != 0
            ),
            recorded_by=self.world.users["staff"],
            owner_unit=self.units[number % 2],
            deadline=datetime.date(2030, 1, 1),
        )
        decision.initiatives.set([initiative, self.parent])


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def register(world):
    actions.update_initiative(
        acting_user=world.users["staff"], initiative=world.county_initiative, title="Dach"
    )
    Initiative.objects.exclude(pk=world.county_initiative.pk).delete()
    return Register(world)


@pytest.mark.parametrize(
    ("role", "url_name", "params"),
    [
        ("staff", "portfolio:initiative_list", {}),
        ("staff", "portfolio:initiative_list", {"sort": "-traffic_light", "overdue": "on"}),
        ("municipality_editor_own", "portfolio:initiative_list", {"body": "TOWN"}),
        ("staff", "portfolio:initiative_export", {"format": "xlsx"}),
        ("municipality_editor_own", "portfolio:initiative_export", {"format": "csv"}),
        ("staff", "portfolio:initiative_detail", None),
        ("municipality_editor_own", "portfolio:initiative_detail", None),
    ],
)
def test_queries_do_not_grow_with_the_register(
    client, world, register, django_assert_num_queries, role, url_name, params
):
    client.force_login(world.users[role])
    if params is None:
        url, params = reverse(url_name, args=[register.parent.pk]), {}
    else:
        url = reverse(url_name)
        params = {k: world.town.pk if v == "TOWN" else v for k, v in params.items()}

    register.grow_to(10)
    client.get(url, params)  # warm up caches that are filled once per process
    queries_with_10 = _count_queries(client, url, params)

    register.grow_to(200)
    with django_assert_num_queries(queries_with_10):
        response = client.get(url, params)
    assert response.status_code == 200
    assert queries_with_10 <= 20
    if url_name == "portfolio:initiative_detail":
        # The council section grew with the register and is part of what was counted.
        assert len(response.context["papers"]) > 10
        assert len(response.context["council_decisions"]) > 10
        assert len(response.context["rollout_rows"]) > 10
