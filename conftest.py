import pytest


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
