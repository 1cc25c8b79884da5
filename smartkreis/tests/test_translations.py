"""The German UI depends on complete, compiled catalogues: check every app's .po and .mo."""

import shutil
import subprocess
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("*/locale/de/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)
msgfmt = shutil.which("msgfmt")
pytestmark = pytest.mark.skipif(msgfmt is None, reason="GNU gettext (msgfmt) is not installed")


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 2


@pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda path: path.parts[-5])
def test_catalogue_is_complete_and_compiled(po_file, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", str(compiled), str(po_file)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    committed = po_file.with_suffix(".mo")
    assert committed.read_bytes() == compiled.read_bytes(), (
        f"{committed} is out of date: run `make messages`"
    )


def test_our_translations_are_the_ones_shown():
    """Django merges every app's catalogue and the app listed first wins, so a msgid that
    Django's own apps translate otherwise (the admin's "Save" → "Sichern") would silently
    replace ours; so would the same msgid translated differently by two of our apps."""
    shown_otherwise = []
    with translation.override("de"):
        for po_file in CATALOGUES:
            with po_file.with_suffix(".mo").open("rb") as compiled:
                catalogue = GNUTranslations(compiled)._catalog
            for key, ours in catalogue.items():
                if not key or isinstance(key, tuple):
                    continue  # the header; plural forms are checked through their singular
                context, _separator, msgid = key.rpartition("\x04")
                shown = (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
                if shown != ours:
                    shown_otherwise.append(
                        f"{po_file.parts[-5]}: {key!r} → {shown!r}, not {ours!r}"
                    )
    assert shown_otherwise == []
