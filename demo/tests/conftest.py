import pytest
from django.db import transaction
from django.test import override_settings

from demo.loading import load_demo

# The test's database as a server process reaches it (for the load test's gunicorn).
from tasks.tests.test_worker_process import worker_database  # noqa: F401

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes several seconds (runs a subprocess)")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """The demo, loaded once per test module inside a transaction that is rolled back after
    the module's last test (each test runs in its own savepoint within it)."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        result = load_demo()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_for_module, db):
    """The loaded Rhein-Sieg-Kreis demo (shared by the module's tests, read-only for them)."""
    return _demo_for_module
