"""The maturity models seeded by the data migration."""

import pytest

from .factories import model_1, model_2

pytestmark = pytest.mark.django_db


def test_model_1_1_has_levels_0_to_4_with_the_official_names():
    levels = list(model_1().levels.order_by("level").values_list("level", "name"))
    assert levels == [
        (0, "Offline"),
        (1, "Information"),
        (2, "Formular-Assistent"),
        (3, "Online-Leistung"),
        (4, "Online-Transaktion"),
    ]
    assert not model_1().criteria.exists()


def test_model_2_0_has_levels_0_to_7_and_13_criteria():
    assert list(model_2().levels.order_by("level").values_list("level", flat=True)) == list(
        range(8)
    )
    criteria = list(model_2().criteria.order_by("position").values_list("position", flat=True))
    assert criteria == list(range(1, 14))
