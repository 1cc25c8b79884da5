"""Forms of the topic submissions. They parse input; the rules live in topics.actions.

Each form's `values()` gives the keyword arguments of its action.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Body, OrgUnit
from portfolio.permissions import org_units_visible_to
from smartkreis.forms import DateInput, VersionedForm
from strategy.models import FieldOfAction

from . import actions
from .models import Statement, Topic

__all__ = [
    "CriteriaFormSet",
    "ScoreFormSet",
    "StatementForm",
    "TopicForm",
    "WaiverForm",
]


def _formfield(model, name, **kwargs):
    """The model field's own form field: its label, help text, choices and limits."""
    field = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(field.widget, forms.DateInput):
        field.widget = DateInput()
    return field


class UnitChoiceMixin:
    def label_from_instance(self, obj):
        return f"{obj.body.short_name or obj.body.name}: {obj}"


class UnitMultipleChoiceField(UnitChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class UnitChoiceField(UnitChoiceMixin, forms.ModelChoiceField):
    pass


class TopicForm(VersionedForm):
    """Submit a topic, or (with `topic`) let the staff unit complete its facts."""

    title = _formfield(Topic, "title", error_messages={"required": _("Enter a title.")})
    problem = _formfield(
        Topic,
        "problem",
        help_text=_("What is the need or the problem today, and whom does it affect?"),
        error_messages={"required": _("Describe the problem or need.")},
    )
    proposal = _formfield(
        Topic,
        "proposal",
        help_text=_("What should be done, and what should the steering group decide?"),
        error_messages={"required": _("Describe what you propose.")},
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one field of action.")},
    )
    expected_benefit = _formfield(Topic, "expected_benefit")
    rough_cost = _formfield(
        Topic, "rough_cost", help_text=_("A rough estimate is enough, e.g. 50000.")
    )
    deadline = _formfield(Topic, "deadline")
    legal_obligation = _formfield(Topic, "legal_obligation")
    touches_personal_data = _formfield(Topic, "touches_personal_data")
    touches_it_security = _formfield(Topic, "touches_it_security")
    touches_working_conditions = _formfield(Topic, "touches_working_conditions")
    touches_equality = _formfield(Topic, "touches_equality")
    touches_accessibility = _formfield(Topic, "touches_accessibility")
    affected_bodies = forms.ModelMultipleChoiceField(
        label=_("Affected bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    affected_units = UnitMultipleChoiceField(
        label=_("Affected units"), queryset=OrgUnit.objects.none(), required=False
    )
    submitting_unit = UnitChoiceField(
        label=_("Submitting unit"), queryset=OrgUnit.objects.none(), required=False
    )
    preparation_note = _formfield(Topic, "preparation_note")

    def __init__(self, *args, user, topic=None, **kwargs):
        if topic is not None:
            kwargs.setdefault("initial", _initial_of(topic))
        super().__init__(*args, **kwargs)
        self.topic = topic
        self.fields["fields"].queryset = FieldOfAction.objects.order_by("position", "name")
        self.fields["affected_bodies"].queryset = Body.objects.order_by("kind", "name")
        self.fields["affected_units"].queryset = (
            org_units_visible_to(user)
            .filter(valid_until__isnull=True)
            .select_related("body")
            .order_by("body__name", "number", "name")
        )
        if topic is None:
            for name in ("version", "submitting_unit", "preparation_note"):
                del self.fields[name]
        else:
            selectable = Q(body_id=topic.submitting_body_id, valid_until__isnull=True)
            if topic.submitting_unit_id is not None:
                selectable |= Q(pk=topic.submitting_unit_id)
            self.fields["submitting_unit"].queryset = (
                OrgUnit.objects.filter(selectable).select_related("body").order_by("number", "name")
            )

    def values(self):
        names = (*actions.TOPIC_FIELDS, *actions.TOPIC_M2M_FIELDS)
        if self.topic is not None:
            names = (*names, *actions.TOPIC_PREPARATION_FIELDS)
        return {name: self.cleaned_data[name] for name in names if name in self.fields}


def _initial_of(topic):
    names = (*actions.TOPIC_FIELDS, *actions.TOPIC_PREPARATION_FIELDS)
    initial = {name: getattr(topic, name) for name in names}
    for name in actions.TOPIC_M2M_FIELDS:
        initial[name] = [item.pk for item in getattr(topic, name).all()]
    initial["version"] = topic.version
    return initial


class StatementForm(forms.Form):
    result = _formfield(Statement, "result", widget=forms.RadioSelect, required=True)
    text = _formfield(
        Statement,
        "text",
        help_text=_("Required for conditions or concerns."),
    )
    given_on = _formfield(Statement, "given_on", required=True)

    def __init__(self, *args, statement, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "result": statement.result,
                "text": statement.text,
                "given_on": statement.given_on,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = Statement.Result.choices
        self.fields["result"].error_messages["required"] = _("Choose the result of the statement.")
        self.fields["given_on"].error_messages["required"] = _(
            "Enter the date the statement was given."
        )

    def values(self):
        return {name: self.cleaned_data[name] for name in actions.STATEMENT_FIELDS}


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for deciding without this statement"),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for deciding without this statement.")},
    )

    def values(self):
        return {"reason": self.cleaned_data["reason"]}


# Formsets over the criteria -------------------------------------------------------------------

SCORE_CHOICES = [
    ("", _("– not scored –")),
    (0, _("0 – none")),
    (1, _("1 – very low")),
    (2, _("2 – low")),
    (3, _("3 – medium")),
    (4, _("4 – high")),
    (5, _("5 – very high")),
]


class _CriterionForm(forms.Form):
    """One criterion's row; the hidden id catches criteria changed since the page was opened."""

    criterion_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion

    def clean_criterion_id(self):
        value = self.cleaned_data["criterion_id"]
        if value != self.criterion.pk:
            raise forms.ValidationError(
                _("The criteria have changed since you opened the page. Reload it.")
            )
        return value


class ScoreForm(_CriterionForm):
    score = forms.TypedChoiceField(
        choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, criterion, **kwargs):
        super().__init__(*args, criterion=criterion, **kwargs)
        self.fields["score"].label = _("Score: %(criterion)s") % {"criterion": criterion.name}
        hint = criterion.description
        if criterion.lowers_priority:
            hint = f"{hint} " if hint else ""
            hint += str(_("A high score lowers the priority."))
        self.fields["score"].help_text = hint
        self.fields["reason"].label = _("Reason: %(criterion)s") % {"criterion": criterion.name}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("score") is not None and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for the score."))
        return cleaned


class CriterionSettingsForm(_CriterionForm):
    weight = forms.IntegerField(min_value=0, max_value=actions.MAX_WEIGHT)
    is_active = forms.BooleanField(required=False)

    def __init__(self, *args, criterion, **kwargs):
        super().__init__(*args, criterion=criterion, **kwargs)
        self.fields["weight"].label = _("Weight: %(criterion)s") % {"criterion": criterion.name}
        self.fields["weight"].help_text = criterion.description
        self.fields["is_active"].label = _("Use “%(criterion)s” for the ranking") % {
            "criterion": criterion.name
        }


class _CriteriaFormSet(forms.BaseFormSet):
    def __init__(self, *args, criteria, **kwargs):
        self.criteria = list(criteria)
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return len(self.criteria)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "criterion": self.criteria[index]}


class ScoreFormSet(_CriteriaFormSet):
    """One score per active criterion."""

    def __init__(self, *args, topic, criteria, **kwargs):
        existing = {s.criterion_id: s for s in topic.scores.all()}
        initial = [
            {
                "criterion_id": c.pk,
                "score": existing[c.pk].score if c.pk in existing else "",
                "reason": existing[c.pk].reason if c.pk in existing else "",
            }
            for c in criteria
        ]
        super().__init__(*args, criteria=criteria, initial=initial, prefix="scores", **kwargs)

    def values(self):
        return {
            "scores": {
                form.criterion: (form.cleaned_data["score"], form.cleaned_data["reason"])
                for form in self.forms
            }
        }


class CriteriaFormSet(_CriteriaFormSet):
    """Weight and use of every criterion."""

    def __init__(self, *args, criteria, **kwargs):
        initial = [
            {"criterion_id": c.pk, "weight": c.weight, "is_active": c.is_active} for c in criteria
        ]
        super().__init__(*args, criteria=criteria, initial=initial, prefix="criteria", **kwargs)

    def values(self):
        return {
            "settings": {
                form.criterion: {
                    "weight": form.cleaned_data["weight"],
                    "is_active": form.cleaned_data["is_active"],
                }
                for form in self.forms
            }
        }


def score_formset(data=None, *, topic, criteria):
    cls = forms.formset_factory(ScoreForm, formset=ScoreFormSet, extra=0)
    return cls(data, topic=topic, criteria=criteria)


def criteria_formset(data=None, *, criteria):
    cls = forms.formset_factory(CriterionSettingsForm, formset=CriteriaFormSet, extra=0)
    return cls(data, criteria=criteria)
