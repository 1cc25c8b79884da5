"""Forms of the register. They parse input; the rules live in portfolio.actions.

Choice fields are ModelChoiceFields over the querysets the user may choose from, so an id
outside them (unknown, or someone else's) is refused at its field. Each form's `values()`
gives the keyword arguments of its action.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Body, OrgUnit
from smartkreis.forms import DateInput, TrafficLightRadioSelect, VersionedForm
from strategy.models import FieldOfAction, Goal, Indicator

from . import actions
from .models import (
    BudgetLine,
    Initiative,
    InitiativeLink,
    InitiativeRollout,
    Milestone,
    StatusReport,
)
from .permissions import (
    can_assign_owner,
    owner_bodies_for,
    owner_units_for,
    visible_initiatives,
)


def _formfield(model, name, **kwargs):
    """The model field's own form field: its label, help text, choices and limits."""
    field = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(field.widget, forms.DateInput):
        field.widget = DateInput()
    return field


class OwnerUnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.body.short_name or obj.body.name}: {obj}"


class InitiativeForm(VersionedForm):
    title = _formfield(Initiative, "title", label=_("Title"))
    description = _formfield(Initiative, "description")
    owner_body = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=Body.objects.none(), empty_label=None
    )
    owner_unit = OwnerUnitChoiceField(
        label=_("Responsible unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("The unit must belong to the responsible body."),
    )
    participating_bodies = forms.ModelMultipleChoiceField(
        label=_("Participating bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one field of action.")},
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = _formfield(Initiative, "status")
    start_date = _formfield(Initiative, "start_date")
    end_date = _formfield(Initiative, "end_date")
    priority = _formfield(Initiative, "priority")
    reporting_cycle = _formfield(Initiative, "reporting_cycle")
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("– not part of another initiative –"),
        help_text=_("Its progress and traffic light then count towards the parent's."),
    )
    weight = _formfield(Initiative, "weight", min_value=1)
    demo_note = _formfield(Initiative, "demo_note")

    def __init__(self, *args, user, initiative=None, **kwargs):
        if initiative is not None:
            kwargs.setdefault("initial", _initial_of(initiative))
        super().__init__(*args, **kwargs)
        self.user, self.initiative = user, initiative
        self.fields["owner_body"].queryset = owner_bodies_for(user).order_by("kind", "name")
        self.fields["owner_unit"].queryset = (
            owner_units_for(user, keep=initiative.owner_unit if initiative else None)
            .select_related("body")
            .order_by("body__name", "number", "name")
        )
        self.fields["participating_bodies"].queryset = Body.objects.order_by("kind", "name")
        self.fields["fields"].queryset = FieldOfAction.objects.order_by("position", "name")
        self.fields["goals"].queryset = Goal.objects.select_related("field").order_by(
            "field__position", "position", "title"
        )
        self.fields["indicators"].queryset = Indicator.objects.order_by("name")
        parents = visible_initiatives(user)
        if initiative is not None:
            parents = parents.exclude(pk=initiative.pk)
        self.fields["parent"].queryset = parents.order_by("title", "id")
        hidden_parent = (
            initiative is not None
            and initiative.parent_id is not None
            and not parents.filter(pk=initiative.parent_id).exists()
        )
        if hidden_parent:
            # A parent the user may not read stays as it is, unnamed.
            del self.fields["parent"]
        if user.role == user.Role.UNIT_EDITOR and not user.is_staff_unit:
            self.fields["owner_unit"].required = True
        if not user.is_staff_unit:
            del self.fields["demo_note"]
        if initiative is None:
            del self.fields["version"]

    def clean(self):
        cleaned = super().clean()
        body, unit = cleaned.get("owner_body"), cleaned.get("owner_unit")
        if body is not None and not can_assign_owner(self.user, body=body, unit=unit):
            self.add_error("owner_unit", _("You may only make your own unit or body responsible."))
        return cleaned

    def values(self):
        names = (*actions.INITIATIVE_FIELDS, *actions.INITIATIVE_M2M_FIELDS)
        return {name: self.cleaned_data[name] for name in names if name in self.fields}


def _initial_of(initiative):
    initial = {name: getattr(initiative, name) for name in actions.INITIATIVE_FIELDS}
    for name in actions.INITIATIVE_M2M_FIELDS:
        initial[name] = [item.pk for item in getattr(initiative, name).all()]
    initial["version"] = initiative.version
    return initial


class MilestoneForm(VersionedForm):
    title = _formfield(Milestone, "title", label=_("Title"))
    description = _formfield(Milestone, "description")
    planned_date = _formfield(Milestone, "planned_date")
    actual_date = _formfield(
        Milestone, "actual_date", help_text=_("Enter the date once the milestone is reached.")
    )

    def __init__(self, *args, milestone=None, **kwargs):
        if milestone is not None:
            initial = {name: getattr(milestone, name) for name in actions.MILESTONE_FIELDS}
            kwargs.setdefault("initial", initial | {"version": milestone.version})
        super().__init__(*args, **kwargs)
        if milestone is None:
            del self.fields["version"]

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.MILESTONE_FIELDS}


class BudgetLineForm(VersionedForm):
    year = _formfield(BudgetLine, "year")
    amount = _formfield(BudgetLine, "amount")
    funding_source = _formfield(BudgetLine, "funding_source", widget=forms.RadioSelect)
    grant_programme = _formfield(
        BudgetLine, "grant_programme", help_text=_("Only for grants, e.g. “Gigabit.NRW”.")
    )
    grant_amount = _formfield(
        BudgetLine, "grant_amount", help_text=_("Only for grants: the part the grant covers.")
    )
    note = _formfield(BudgetLine, "note")

    def __init__(self, *args, budget_line=None, **kwargs):
        if budget_line is not None:
            initial = {name: getattr(budget_line, name) for name in actions.BUDGET_LINE_FIELDS}
            kwargs.setdefault("initial", initial | {"version": budget_line.version})
        else:
            kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].choices = BudgetLine.FundingSource.choices
        if budget_line is None:
            del self.fields["version"]

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.BUDGET_LINE_FIELDS}


class LinkForm(forms.Form):
    title = _formfield(InitiativeLink, "title", label=_("Title"))
    url = _formfield(InitiativeLink, "url")

    def __init__(self, *args, link=None, **kwargs):
        if link is not None:
            kwargs.setdefault("initial", {"title": link.title, "url": link.url})
        super().__init__(*args, **kwargs)

    def values(self):
        return {"title": self.cleaned_data["title"], "url": self.cleaned_data["url"]}


class StatusReportForm(forms.Form):
    reported_on = _formfield(StatusReport, "reported_on")
    overall = _formfield(StatusReport, "overall", widget=TrafficLightRadioSelect)
    schedule = _formfield(StatusReport, "schedule", widget=TrafficLightRadioSelect)
    cost = _formfield(StatusReport, "cost", widget=TrafficLightRadioSelect)
    scope = _formfield(StatusReport, "scope", widget=TrafficLightRadioSelect)
    progress = _formfield(StatusReport, "progress", max_value=100)
    summary = _formfield(StatusReport, "summary")
    next_steps = _formfield(StatusReport, "next_steps")
    risks = _formfield(StatusReport, "risks")
    decisions_needed = _formfield(
        StatusReport,
        "decisions_needed",
        help_text=_("What the steering group has to decide, if anything."),
    )

    def __init__(self, *args, initiative, **kwargs):
        kwargs.setdefault(
            "initial", {"reported_on": timezone.localdate(), "progress": initiative.progress}
        )
        super().__init__(*args, **kwargs)
        for name in ("overall", "schedule", "cost", "scope"):
            # Radio buttons need no empty choice.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.STATUS_REPORT_FIELDS}


class RolloutForm(forms.Form):
    """Where a shared initiative stands in one participating body."""

    status = _formfield(InitiativeRollout, "status")
    since = _formfield(InitiativeRollout, "since", help_text=_("Since when this status holds."))
    note = _formfield(InitiativeRollout, "note")

    def __init__(self, *args, rollout=None, **kwargs):
        if rollout is not None:
            kwargs.setdefault(
                "initial", {"status": rollout.status, "since": rollout.since, "note": rollout.note}
            )
        super().__init__(*args, **kwargs)

    def values(self):
        return dict(self.cleaned_data)
