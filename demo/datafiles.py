"""The Rhein-Sieg-Kreis demo's data, read from the TOML files in demo/data/ (see its README).

`demo_data()` offers the top-level keys of all files as one namespace, read once. Each file is
first checked against its shape in demo/data/shapes.toml; dates written "today+N"/"today-N"
become `Rel`s (resolved against the day of loading by `resolve`), decimals written as text
become exact Decimals. A malformed file raises DemoDataError naming the file and the key.
"""

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

DATA_DIR = Path(__file__).resolve().parent / "data"
SHAPES_FILE = DATA_DIR / "shapes.toml"
RELATIVE = re.compile(r"today([+-]\d+)")
DECIMAL_TEXT = re.compile(r"-?\d+(\.\d+)?")


class DemoDataError(ValueError):
    """A data file of the demo is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Rel:
    """A date `days` after the day the demo is loaded (negative: before it)."""

    days: int


def resolve(value, today):
    """A `Rel` as the date relative to `today`; other values unchanged."""
    return today + datetime.timedelta(days=value.days) if isinstance(value, Rel) else value


def _leaf(expected, accepts, convert=lambda value: value):
    def check(value, where):
        if not accepts(value):
            raise DemoDataError(f"{where}: erwartet {expected}, gefunden {value!r}")
        return convert(value)

    return check


def _is_date(value):
    return type(value) is datetime.date  # not a datetime


def _is_day(value):
    return _is_date(value) or (isinstance(value, str) and RELATIVE.fullmatch(value) is not None)


def _day(value):
    return Rel(int(RELATIVE.fullmatch(value)[1])) if isinstance(value, str) else value


TYPES = {
    "text": _leaf("Text", lambda value: isinstance(value, str)),
    "int": _leaf("eine ganze Zahl", lambda value: type(value) is int),
    "flag": _leaf("true oder false", lambda value: isinstance(value, bool)),
    "date": _leaf("ein Datum wie 2021-02-03", _is_date),
    "day": _leaf('ein Datum wie 2021-02-03 oder "today+N"/"today-N"', _is_day, _day),
    "decimal": _leaf(
        'eine Zahl als Text wie "34.77"',
        lambda value: isinstance(value, str) and DECIMAL_TEXT.fullmatch(value) is not None,
        Decimal,
    ),
}


class _Checker:
    """Checks values against the shapes of shapes.toml and converts Decimals and days."""

    def __init__(self, shapes):
        self.shapes = shapes

    def table(self, name):
        shape = dict(self.shapes[name])
        like = shape.pop("like", None)
        return self.table(like) | shape if like else shape

    def check(self, value, shape, where):
        if isinstance(shape, str) and shape in TYPES:
            return TYPES[shape](value, where)
        if isinstance(shape, str) and shape.startswith("["):
            if not isinstance(value, list):
                raise DemoDataError(f"{where}: erwartet eine Liste, gefunden {value!r}")
            return [self.check(item, shape[1:-1], f"{where}[{i}]") for i, item in enumerate(value)]
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: erwartet eine Tabelle, gefunden {value!r}")
        prefix = f"{where}." if where else ""
        if isinstance(shape, str) and shape.startswith("{"):
            return {key: self.check(item, shape[1:-1], prefix + key) for key, item in value.items()}
        shape = self.table(shape) if isinstance(shape, str) else shape
        keys = {key.removesuffix("?"): key for key in shape}
        for key in value:
            if key not in keys:
                raise DemoDataError(f"{prefix}{key}: unbekannter Schlüssel")
        for key, spec in keys.items():
            if key not in value and not spec.endswith("?"):
                raise DemoDataError(f"{prefix}{key}: Schlüssel fehlt")
        return {
            key: self.check(item, shape[keys[key]], prefix + key) for key, item in value.items()
        }


def _read_toml(path):
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path}: kein gültiges TOML: {error}") from None


def read(directory=DATA_DIR):
    """Every data file named in shapes.toml, read from `directory` and checked, as one
    namespace of their top-level keys."""
    shapes = _read_toml(SHAPES_FILE)
    checker = _Checker(shapes["shapes"])
    values = {}
    for name, shape in shapes["files"].items():
        path = Path(directory) / name
        content = _read_toml(path)
        try:
            values |= checker.check(content, shape, "")
        except DemoDataError as error:
            raise DemoDataError(f"{path}: {error}") from None
    return SimpleNamespace(**values)


@functools.cache
def demo_data():
    """The demo's data files, read once."""
    return read()
