import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MunicipalityEditorFactory, StaffUnitUserFactory, UserFactory
from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from notifications.tests.conftest import closed_smtp_port, smtp_server  # noqa: F401 (fixtures)
from organisations.tests.factories import CountyFactory
from portfolio.tests.conftest import world  # noqa: F401 (fixture of the register's exports)
from reports import actions as report_actions


@pytest.fixture
def report(db):
    today = timezone.localdate()
    committee = OrganizationFactory(
        body=CountyFactory(), name="Kreistag", short_name="KT", kind=Organization.Kind.COUNCIL
    )
    return report_actions.create_progress_report(
        acting_user=StaffUnitUserFactory(),
        committee=committee,
        period_start=today - datetime.timedelta(days=90),
        period_end=today,
    )


@pytest.fixture
def staff(db):
    return StaffUnitUserFactory(username="stabsstelle-test")


@pytest.fixture
def reader(db):
    return UserFactory(username="leser-test")


@pytest.fixture
def municipality_user(db):
    return MunicipalityEditorFactory(username="gemeinde-test")
