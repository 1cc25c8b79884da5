"""The pages: filter and sort of the list, the saving explained, German form errors, the
ranking's one-step submission."""

import pytest
from django.urls import reverse

from processes.models import BusinessProcess
from topics.models import Topic

from .conftest import process_state

pytestmark = pytest.mark.django_db


def _names(response):
    return [process.name for process in response.context["page_obj"].object_list]


def test_list_sorts_by_saving_and_filters(client, world):
    client.force_login(world.users["staff"])
    url = reverse("processes:process_list")
    names = _names(client.get(url))
    assert names[:2] == ["Kfz-Zulassung", "Bauantrag"]  # 10000 h, then 8400 h
    assert _names(client.get(url, {"sort": "saving"}))[-1] == "Kfz-Zulassung"
    assert _names(client.get(url, {"body": world.town.pk})) == ["Meldebescheinigung"]
    assert _names(client.get(url, {"unit": world.division.pk})) == ["Kennzeichenreservierung"]
    world.processes["office"].digitisation = BusinessProcess.Digitisation.PAPER
    world.processes["office"].save()
    assert _names(client.get(url, {"digitisation": "PAPER"})) == ["Kfz-Zulassung"]


def test_a_municipality_user_neither_lists_nor_filters_by_another_municipality(client, world):
    client.force_login(world.users["municipality_reader"])
    response = client.get(reverse("processes:process_list"), {"body": world.other_town.pk})
    assert "Gewerbeanmeldung" not in _names(response)
    body_choices = list(response.context["filter_form"].fields["body"].queryset)
    assert world.other_town not in body_choices
    assert world.town in body_choices


def test_detail_explains_the_saving(client, world):
    client.force_login(world.users["reader"])
    process = world.processes["other_office"]
    page = client.get(reverse("processes:process_detail", args=[process.pk])).content.decode()
    assert "2.400 Fälle pro Jahr × (540,0 − 330,0 Minuten) ÷ 60 = 8.400,0 Stunden pro Jahr." in page
    assert "<caption" in page


def test_a_slower_target_is_a_german_form_error(client, world):
    client.force_login(world.users["unit_editor"])
    process = world.processes["office"]
    before = process_state()
    response = client.post(
        reverse("processes:process_edit", args=[process.pk]),
        {
            "org_unit": process.org_unit_id,
            "name": process.name,
            "cases_per_year": 60000,
            "minutes_per_case": "22",
            "target_minutes_per_case": "30",
            "media_breaks": 2,
            "digitisation": "PARTLY",
            "version": process.version,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["target_minutes_per_case"] == [
        "Der Zielzustand darf je Fall nicht länger dauern als heute."
    ]
    assert process_state() == before


def test_negative_numbers_are_german_form_errors(client, world):
    client.force_login(world.users["unit_editor"])
    before = process_state()
    response = client.post(
        reverse("processes:process_create"),
        {
            "org_unit": world.office.pk,
            "name": "Neu",
            "cases_per_year": -3,
            "minutes_per_case": "-1",
            "target_minutes_per_case": "0",
            "media_breaks": -1,
            "digitisation": "PAPER",
        },
    )
    errors = response.context["form"].errors
    for name in ("cases_per_year", "minutes_per_case", "media_breaks"):
        assert errors[name] == ["Die Zahl darf nicht negativ sein."]
    assert process_state() == before


def test_the_unit_must_be_in_the_editors_scope(client, world):
    client.force_login(world.users["unit_editor"])
    before = process_state()
    response = client.post(
        reverse("processes:process_create"),
        {
            "org_unit": world.other_office.pk,
            "name": "Neu",
            "cases_per_year": 3,
            "minutes_per_case": "1",
            "target_minutes_per_case": "0",
            "media_breaks": 0,
            "digitisation": "PAPER",
        },
    )
    assert "org_unit" in response.context["form"].errors
    assert process_state() == before


def test_ranking_submits_a_topic_in_one_step_and_then_shows_it(client, world):
    client.force_login(world.users["staff"])
    ranking = client.get(reverse("processes:ranking"))
    assert [p.name for p in ranking.context["processes"]][:2] == ["Kfz-Zulassung", "Bauantrag"]
    process = world.processes["other_office"]
    submit_url = reverse("processes:process_submit_topic", args=[process.pk])
    assert submit_url in ranking.content.decode()
    response = client.post(submit_url)
    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    page = client.get(reverse("processes:ranking")).content.decode()
    assert submit_url not in page
    assert f"Eingereicht als {topic.reference}" in page
    again = client.post(submit_url)
    assert again.status_code == 302
    assert Topic.objects.count() == 1
