import pytest


@pytest.fixture(autouse=True)
def _german_ui(settings):
    """Tests read the UI as its users do: in German."""
    settings.LANGUAGE_CODE = "de"
