"""Forms of the strategy pages. They only parse input; the actions validate and save.

Plain forms with fields taken from the models (labels, help texts, lengths), so the domain
rules live in one place (strategy.actions) and their messages appear at the right field.
"""

from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from organisations.models import OrgUnit
from smartkreis.forms import DateInput

from .models import FieldOfAction, Goal, Indicator, IndicatorValue


def _field(model, name, **kwargs):
    return model._meta.get_field(name).formfield(**kwargs)


class _ActionForm(forms.Form):
    """A form whose cleaned data (without `version`) are the keyword arguments of an action."""

    action_fields = ()

    def action_values(self):
        return {name: self.cleaned_data[name] for name in self.action_fields}

    def expected_version(self):
        return self.cleaned_data.get("version")


class GoalForm(_ActionForm):
    action_fields = ("field", "title", "description", "owner_unit", "target_date", "position")

    field = _field(Goal, "field", queryset=FieldOfAction.objects.none())
    title = _field(Goal, "title")
    description = _field(Goal, "description", widget=forms.Textarea(attrs={"rows": 4}))
    owner_unit = _field(Goal, "owner_unit", queryset=OrgUnit.objects.none())
    target_date = _field(Goal, "target_date", widget=DateInput)
    position = _field(
        Goal,
        "position",
        help_text=_("Goals of a field of action are listed in this order (smallest first)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, goal=None, **kwargs):
        if goal is not None:
            kwargs.setdefault(
                "initial", model_to_dict(goal, fields=[*self.action_fields, "version"])
            )
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = FieldOfAction.objects.order_by(
            "is_cross_cutting", "position", "name"
        )
        # Existing units, and the goal's current one even if it was dissolved since.
        units = OrgUnit.objects.filter(valid_until__isnull=True)
        if goal is not None and goal.owner_unit_id:
            units = OrgUnit.objects.filter(valid_until__isnull=True) | OrgUnit.objects.filter(
                pk=goal.owner_unit_id
            )
        self.fields["owner_unit"].queryset = units.select_related("body").order_by(
            "body__name", "number", "name"
        )
        if goal is None:
            del self.fields["version"]


class IndicatorForm(_ActionForm):
    action_fields = (
        "goal",
        "name",
        "description",
        "unit",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "source",
    )

    goal = _field(Indicator, "goal", queryset=Goal.objects.none())
    name = _field(Indicator, "name")
    description = _field(Indicator, "description", widget=forms.Textarea(attrs={"rows": 3}))
    unit = _field(Indicator, "unit")
    baseline_value = _field(
        Indicator,
        "baseline_value",
        help_text=_("The value measured when the goal was set."),
    )
    baseline_date = _field(Indicator, "baseline_date", widget=DateInput)
    target_value = _field(Indicator, "target_value", help_text=_("The value to be reached."))
    target_date = _field(Indicator, "target_date", widget=DateInput)
    source = _field(Indicator, "source")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indicator=None, **kwargs):
        if indicator is not None:
            kwargs.setdefault(
                "initial", model_to_dict(indicator, fields=[*self.action_fields, "version"])
            )
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.select_related("field").order_by(
            "field__is_cross_cutting", "field__position", "position", "title"
        )
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.field.name}: {goal.title}"
        if indicator is None:
            del self.fields["version"]


class IndicatorValueForm(_ActionForm):
    action_fields = ("measured_on", "value", "note")

    measured_on = _field(IndicatorValue, "measured_on", widget=DateInput)
    value = _field(IndicatorValue, "value")
    note = _field(IndicatorValue, "note")

    def __init__(self, *args, indicator_value=None, **kwargs):
        if indicator_value is not None:
            kwargs.setdefault("initial", model_to_dict(indicator_value, fields=self.action_fields))
        super().__init__(*args, **kwargs)
