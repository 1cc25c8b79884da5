import pytest
from django.db import DEFAULT_DB_ALIAS, connections


@pytest.fixture(autouse=True)
def _german_ui(settings):
    """Tests read the UI as its users do: in German."""
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create users by the dozen; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to the test's own directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the public portal keeps its pages' data there,
    keyed by the newest audit entry, which tests' factories do not write."""
    from django.core.cache import cache

    cache.clear()


# Set on a transactional test's item: the DB blocker to lift when its seed rows are put back.
SEED_ROWS_BLOCKER = pytest.StashKey()


@pytest.fixture
def seed_rows_restored(request, django_db_serialized_rollback, django_db_blocker):
    """Put back, after the test, the rows the data migrations made (priority criteria, maturity
    models, ...). For every test that runs outside a transaction (live-server browser tests,
    tests with a worker process or a web server of their own).

    Such a test runs outside a transaction, and pytest-django empties every table after
    it; tests that xdist runs later on the same worker would miss those rows. The flush comes
    in a fixture teardown that runs after any of ours (pytest-django requests the database
    from an autouse fixture), so the hook below reloads the copy of the migrated database that
    pytest-django serialised for `django_db_serialized_rollback` once the teardown is over.
    A test with a `django_db` marker must say `serialized_rollback=True` there, or pytest-django
    does not keep that copy.
    """
    request.node.stash[SEED_ROWS_BLOCKER] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    blocker = item.stash.get(SEED_ROWS_BLOCKER, None)
    # After the worker's last test the teardown has dropped the test database and pointed the
    # connection back at the configured one, which must not get the rows.
    if blocker is not None and nextitem is not None:
        connection = connections[DEFAULT_DB_ALIAS]
        with blocker.unblock():
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
            connection.close()
    return result
