"""The shared form flow: an action's refusal lands on the form instead of propagating."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from smartkreis.forms import action_errors_on


class TitleForm(forms.Form):
    title = forms.CharField()


def refuse(error):
    """Stands for an action that checks its rules and refuses."""
    raise error


def valid_form():
    form = TitleForm({"title": "Breitband"})
    assert form.is_valid()
    return form


def test_a_field_error_of_the_action_is_shown_at_the_field_and_the_block_stops():
    form = valid_form()
    reached = []
    with action_errors_on(form):
        refuse(ValidationError({"title": "Der Titel ist schon vergeben."}))
        reached.append("redirect")

    assert reached == []
    assert form.errors == {"title": ["Der Titel ist schon vergeben."]}


def test_an_error_without_a_known_field_is_shown_above_the_form():
    form = valid_form()
    with action_errors_on(form):
        raise ValidationError({"budget": "Das Budget ist gesperrt."})
    with action_errors_on(form):
        raise ValidationError("Die Sitzung ist bereits abgeschlossen.")

    assert form.non_field_errors() == [
        "Das Budget ist gesperrt.",
        "Die Sitzung ist bereits abgeschlossen.",
    ]


def test_without_a_refusal_the_block_runs_to_its_end():
    form = valid_form()
    reached = []
    with action_errors_on(form):
        reached.append("saved")

    assert reached == ["saved"]
    assert form.errors == {}


def test_other_exceptions_are_not_swallowed():
    form = valid_form()
    with pytest.raises(KeyError), action_errors_on(form):
        refuse(KeyError("bug"))
    assert form.errors == {}


class PlaceForm(forms.Form):
    name = forms.CharField(help_text="Wie im Ortsverzeichnis")
    kind = forms.ChoiceField(
        choices=[("a", "Kreis"), ("b", "Kommune")], widget=forms.RadioSelect, help_text="Art"
    )


def test_each_field_has_one_error_container_that_its_input_names_once():
    form = PlaceForm({"name": "x", "kind": "z"})
    form.add_error("name", "Der Name ist zu kurz.")
    form.add_error("name", "Der Name ist schon vergeben.")
    html = form.as_div()

    assert html.count('id="id_name_error"') == 1
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    # The radio group is a fieldset: it names hint and error itself.
    assert html.count('id="id_kind_error"') == 1
    assert 'sk-field" aria-describedby="id_kind_helptext id_kind_error">' in html
