"""The demo's data files (demo/data/) and their loader, demo.datafiles."""

import datetime
import shutil
from decimal import Decimal

import pytest

from demo.datafiles import DATA_DIR, DemoDataError, Rel, read, resolve


def _copy_data_files(directory):
    for path in DATA_DIR.glob("*.toml"):
        shutil.copy(path, directory)


def test_the_data_files_load_with_dates_and_exact_decimals():
    data = read()
    assert len(data.municipalities) == 19
    assert sum(row["population"] for row in data.municipalities) == 600764
    assert sum(row["area_km2"] for row in data.municipalities) == Decimal("1153.20")
    assert data.municipalities[0] == {
        "ags": "05382004",
        "ars": "053820004004",
        "name": "Alfter",
        "designation": "Gemeinde",
        "population": 23563,
        "area_km2": Decimal("34.77"),
    }
    assert data.population_date == datetime.date(2019, 12, 31)
    broadband = data.initiatives[0]
    assert broadband["start"] == datetime.date(2015, 1, 1)
    assert broadband["end"] == Rel(365)
    assert broadband["budget"][0]["grant_amount"] == Decimal("2700000")
    assert len(broadband["children"]) == 3
    assert len(data.meeting_days) == 20
    assert data.steering_group in {committee["name"] for committee in data.committees}
    assert set(data.demo_users) == {"admin", "stabsstelle", "amt12", "siegburg", "lenkungsgruppe"}


def test_a_relative_day_resolves_against_the_day_of_loading():
    today = datetime.date(2026, 6, 15)
    assert resolve(Rel(-30), today) == datetime.date(2026, 5, 16)
    assert resolve(datetime.date(2021, 2, 3), today) == datetime.date(2021, 2, 3)
    assert resolve(None, today) is None


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "bodies.toml",
            'area_km2 = "34.77"',
            "area_km2 = 34.77",
            'municipalities[0].area_km2: erwartet eine Zahl als Text wie "34.77", gefunden 34.77',
        ),
        (
            "bodies.toml",
            'designation = "Gemeinde"',
            'designation = "Gemeinde"\nbezeichnung = "Gemeinde"',
            "municipalities[0].bezeichnung: unbekannter Schlüssel",
        ),
        (
            "organisation.toml",
            'given_name = "Matthias", ',
            "",
            "people.landrat.given_name: Schlüssel fehlt",
        ),
        (
            "initiatives.toml",
            'end = "today+365"',
            'end = "in einem Jahr"',
            'initiatives[0].end: erwartet ein Datum wie 2021-02-03 oder "today+N"/"today-N", '
            "gefunden 'in einem Jahr'",
        ),
        (
            "organisation.toml",
            'successors = ["abt-11-3"]',
            'successors = "abt-11-3"',
            "reorganisation[0].successors: erwartet eine Liste, gefunden 'abt-11-3'",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_the_key(tmp_path, name, old, new, message):
    _copy_data_files(tmp_path)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        read(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / name}: ")
    assert message in str(error.value)


def test_a_file_that_is_no_toml_is_refused_naming_the_file_and_the_line(tmp_path):
    _copy_data_files(tmp_path)
    lines = (tmp_path / "topics.toml").read_text(encoding="utf-8").splitlines()
    number = lines.index('rough_cost = "450000"')
    lines[number] = "rough_cost = 450000 €"
    (tmp_path / "topics.toml").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        read(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'topics.toml'}: kein gültiges TOML: ")
    assert f"(at line {number + 1}, column 21)" in str(error.value)
