"""Forms of the council decisions. They parse input; the rules live in council.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms import PersonChoiceField, UnitChoiceField
from governance.models import ActionItem, Organization
from organisations.models import OrgUnit, Person
from papers.models import Consultation
from portfolio.models import Initiative
from smartkreis.forms import DateInput, VersionedForm

from .actions import FOLLOWED_RESULTS
from .models import CouncilDecision


def _units():
    return OrgUnit.objects.select_related("body").order_by("body__name", "number", "name")


def _people():
    return Person.objects.order_by("family_name", "given_name", "pk")


class OwnerFieldsMixin(forms.Form):
    owner_unit = UnitChoiceField(
        label=_("Responsible unit"), queryset=OrgUnit.objects.none(), required=False
    )
    owner_person = PersonChoiceField(
        label=_("Responsible person"), queryset=Person.objects.none(), required=False
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = _units()
        self.fields["owner_person"].queryset = _people()


class RecordDecisionForm(OwnerFieldsMixin):
    text = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 6}))
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(value, Consultation.Result(value).label) for value in FOLLOWED_RESULTS],
        widget=forms.RadioSelect,
    )
    field_order = ["text", "decided_on", "result", "owner_unit", "owner_person", "deadline"]

    def values(self):
        return {name: self.cleaned_data[name] for name in self.field_order}


class ImplementationForm(OwnerFieldsMixin, VersionedForm):
    state = forms.ChoiceField(
        label=_("Implementation"), choices=CouncilDecision.State.choices, widget=forms.RadioSelect
    )
    delay_reason = forms.CharField(
        label=_("Reason for the delay"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the implementation is delayed."),
    )
    done_on = forms.DateField(
        label=_("Implemented on"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when it has been implemented."),
    )
    field_order = [
        "state",
        "owner_unit",
        "owner_person",
        "deadline",
        "delay_reason",
        "done_on",
        "version",
    ]
    NAMES = ("state", "owner_unit", "owner_person", "deadline", "delay_reason", "done_on")

    def __init__(self, *args, decision, **kwargs):
        kwargs.setdefault(
            "initial",
            {name: getattr(decision, name) for name in self.NAMES} | {"version": decision.version},
        )
        super().__init__(*args, **kwargs)

    def values(self):
        return {name: self.cleaned_data[name] for name in self.NAMES}


class MarkDoneForm(VersionedForm):
    done_on = forms.DateField(label=_("Implemented on"), widget=DateInput())

    def __init__(self, *args, decision, **kwargs):
        kwargs.setdefault("initial", {"version": decision.version})
        super().__init__(*args, **kwargs)


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class ActionItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.meeting})"


class LinkInitiativeForm(forms.Form):
    initiative = InitiativeChoiceField(label=_("Initiative"), queryset=Initiative.objects.none())

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = queryset


class LinkActionItemForm(forms.Form):
    action_item = ActionItemChoiceField(
        label=_("Action item of the steering group"), queryset=ActionItem.objects.none()
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_item"].queryset = queryset


class RegisterFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Committee"), queryset=Organization.objects.none(), required=False
    )
    state = forms.ChoiceField(
        label=_("Implementation"),
        choices=[("", _("all")), *CouncilDecision.State.choices],
        required=False,
    )
    owner_unit = UnitChoiceField(
        label=_("Responsible unit"), queryset=OrgUnit.objects.none(), required=False
    )
    date_from = forms.DateField(label=_("Decided from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Decided until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.exclude(
            kind__in=(Organization.Kind.STEERING_GROUP, Organization.Kind.COUNCIL_GROUP)
        ).order_by("name", "pk")
        self.fields["owner_unit"].queryset = _units()

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
