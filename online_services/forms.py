"""Forms of the online offers. They parse input; the rules live in online_services.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portfolio.permissions import visible_initiatives
from smartkreis.forms import DateInput, VersionedForm

from .models import (
    MaturityAssessment,
    MaturityCriterion,
    MaturityModel,
    OZGService,
    ServiceOffer,
    SharedSolution,
    SolutionRollout,
)


def _formfield(model, name, **kwargs):
    field = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(field.widget, forms.DateInput):
        field.widget = DateInput()
    return field


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.ozg_id})"


class ServiceMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.ozg_id})"


class OfferForm(VersionedForm):
    service = ServiceChoiceField(queryset=OZGService.objects.none(), label=_("OZG service"))
    status = _formfield(ServiceOffer, "status")
    platform = _formfield(ServiceOffer, "platform")
    solution = _formfield(ServiceOffer, "solution")
    online_since = _formfield(ServiceOffer, "online_since")
    url = _formfield(ServiceOffer, "url", assume_scheme="https")
    cases_per_year = _formfield(ServiceOffer, "cases_per_year")
    initiative = _formfield(ServiceOffer, "initiative")

    def __init__(self, *args, user, body, offer=None, **kwargs):
        self.offer = offer
        if offer is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(offer, name) for name in self.editable_names()}
                | {"version": offer.version},
            )
        super().__init__(*args, **kwargs)
        if offer is None:
            self.fields.pop("version")
            self.fields["service"].queryset = OZGService.objects.exclude(
                offers__body=body
            ).order_by("name")
        else:
            self.fields.pop("service")
        self.fields["solution"].queryset = SharedSolution.objects.order_by("name")
        self.fields["initiative"].queryset = visible_initiatives(user).order_by("title")

    @staticmethod
    def editable_names():
        return (
            "status",
            "platform",
            "solution",
            "online_since",
            "url",
            "cases_per_year",
            "initiative",
        )

    def values(self):
        values = {name: self.cleaned_data[name] for name in self.editable_names()}
        if self.offer is None:
            values["service"] = self.cleaned_data["service"]
        return values


class CriterionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.model.code} {obj.code}: {obj.name}"


class AssessmentForm(forms.Form):
    model = forms.ModelChoiceField(
        queryset=MaturityModel.objects.order_by("code"), label=_("maturity model")
    )
    level = _formfield(MaturityAssessment, "level")
    assessed_on = _formfield(MaturityAssessment, "assessed_on")
    criteria = CriterionChoiceField(
        queryset=MaturityCriterion.objects.select_related("model").order_by("model", "position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("criteria met"),
        help_text=_("Only criteria of the chosen maturity model count."),
    )
    note = _formfield(MaturityAssessment, "note")

    def values(self):
        return dict(self.cleaned_data)


class SolutionForm(forms.Form):
    name = _formfield(SharedSolution, "name")
    kind = _formfield(SharedSolution, "kind")
    provider = _formfield(SharedSolution, "provider")
    description = _formfield(SharedSolution, "description")
    url = _formfield(SharedSolution, "url", assume_scheme="https")
    initiative = _formfield(SharedSolution, "initiative")
    services = ServiceMultipleChoiceField(
        queryset=OZGService.objects.order_by("name"), required=False, label=_("OZG services")
    )

    def __init__(self, *args, user, solution=None, **kwargs):
        if solution is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(solution, name)
                    for name in ("name", "kind", "provider", "description", "url", "initiative")
                }
                | {"services": list(solution.services.all())},
            )
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = visible_initiatives(user).order_by("title")

    def values(self):
        return dict(self.cleaned_data)


class RolloutForm(forms.Form):
    status = _formfield(SolutionRollout, "status")
    since = _formfield(SolutionRollout, "since")
    note = _formfield(SolutionRollout, "note")

    def __init__(self, *args, rollout=None, **kwargs):
        if rollout is not None:
            kwargs.setdefault(
                "initial", {"status": rollout.status, "since": rollout.since, "note": rollout.note}
            )
        super().__init__(*args, **kwargs)

    def values(self):
        return dict(self.cleaned_data)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (XLSX)"),
        help_text=_("A file exported here and edited; the sheets and columns must stay."),
    )
    apply_valid_rows = forms.BooleanField(
        required=False,
        label=_("Apply only the valid rows"),
        help_text=_(
            "Without this, an import with errors changes nothing. With it, the rows with "
            "errors are left out and all others are applied."
        ),
    )
