"""Forms of the business processes. They parse input; the rules live in processes.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from online_services.models import OZGService
from smartkreis.forms import VersionedForm

from . import actions, queries
from .models import BusinessProcess
from .permissions import editable_units, visible_bodies, visible_units

__all__ = ["ProcessFilterForm", "ProcessForm"]

NOT_NEGATIVE = {"min_value": _("The number must not be negative.")}


def _formfield(name, **kwargs):
    return BusinessProcess._meta.get_field(name).formfield(**kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.body.short_name or obj.body.name}: {obj}"


class ProcessForm(VersionedForm):
    org_unit = UnitChoiceField(label=_("Unit"), queryset=None)
    name = _formfield("name", label=_("Process"))
    service = forms.ModelChoiceField(
        label=_("OZG service"),
        queryset=None,
        required=False,
        empty_label=_("– no OZG service –"),
        help_text=_("The administrative service the process delivers, if any."),
    )
    cases_per_year = _formfield(
        "cases_per_year",
        min_value=0,
        error_messages=NOT_NEGATIVE | {"required": _("Enter a number.")},
    )
    minutes_per_case = _formfield(
        "minutes_per_case",
        min_value=0,
        help_text=_("Working time per case today, in minutes."),
        error_messages=NOT_NEGATIVE | {"required": _("Enter a number.")},
    )
    target_minutes_per_case = _formfield(
        "target_minutes_per_case",
        min_value=0,
        help_text=_("Working time per case once the target state is reached; at most today's."),
        error_messages=NOT_NEGATIVE | {"required": _("Enter a number.")},
    )
    media_breaks = _formfield(
        "media_breaks",
        min_value=0,
        help_text=_("How often a case changes between paper and IT, or between systems."),
        error_messages=NOT_NEGATIVE | {"required": _("Enter a number.")},
    )
    digitisation = _formfield("digitisation")
    target_state = _formfield("target_state")

    def __init__(self, *args, user, process=None, **kwargs):
        if process is not None:
            initial = {name: getattr(process, name) for name in actions.PROCESS_FIELDS}
            kwargs.setdefault("initial", initial | {"version": process.version})
        super().__init__(*args, **kwargs)
        units = editable_units(user)
        if process is not None:
            # The current unit stays selectable even if dissolved since.
            units = units | type(process.org_unit).objects.filter(pk=process.org_unit_id)
        self.fields["org_unit"].queryset = units.select_related("body").order_by(
            "body__name", "number", "name"
        )
        self.fields["service"].queryset = OZGService.objects.order_by("name")
        if process is None:
            del self.fields["version"]

    def values(self):
        names = (name for name in actions.PROCESS_FIELDS if name in self.fields)
        return {name: self.cleaned_data[name] for name in names}


class ProcessFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=None, required=False, empty_label=_("All bodies")
    )
    unit = UnitChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("All units")
    )
    digitisation = forms.ChoiceField(
        label=_("Digitisation"),
        required=False,
        choices=[("", _("All states")), *BusinessProcess.Digitisation.choices],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-saving", _("Estimated saving, highest first")),
            ("saving", _("Estimated saving, lowest first")),
            ("name", _("Process")),
            ("unit", _("Unit")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = visible_bodies(user).order_by("kind", "name")
        self.fields["unit"].queryset = (
            visible_units(user)
            .filter(pk__in=BusinessProcess.objects.values("org_unit_id"))
            .select_related("body")
            .order_by("body__name", "number", "name")
        )

    def filters(self):
        """Keyword arguments of queries.process_list; invalid choices are ignored."""
        if not self.is_valid():
            data = {name: self.cleaned_data.get(name) for name in self.fields}
        else:
            data = self.cleaned_data
        return {
            "body": data.get("body"),
            "unit": data.get("unit"),
            "digitisation": data.get("digitisation") or "",
            "sort": data.get("sort") or queries.DEFAULT_SORT,
        }
