"""Forms of the portal: the staff unit's summary, and the public pages' filters and search.

Filters read untrusted query strings: an invalid value is ignored as if not given, and the
page says so at the field.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import CouncilDecision
from oparl.queries import public_organizations
from organisations.models import Body
from smartkreis.forms import VersionedForm

from .actions import SUMMARY_MAX_LENGTH


class SummaryForm(VersionedForm):
    draft = forms.CharField(
        label=_("Plain-language summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Say in short sentences and everyday words what it is about, what it changes for "
            "residents and businesses, and where it stands. Avoid abbreviations and internal "
            "names of people."
        ),
    )

    def __init__(self, *args, publication=None, **kwargs):
        if publication is not None:
            kwargs.setdefault(
                "initial", {"draft": publication.draft, "version": publication.version}
            )
        super().__init__(*args, **kwargs)
        if publication is None:
            # A first draft has no version yet that another edit could have overtaken.
            del self.fields["version"]


class DecisionFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Committee"), queryset=public_organizations().none(), required=False
    )
    state = forms.ChoiceField(
        label=_("Implementation"),
        choices=[("", _("all")), *CouncilDecision.State.choices],
        required=False,
    )
    year = forms.IntegerField(
        label=_("Year of the decision"), min_value=1990, max_value=2100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            public_organizations()
            .exclude(kind="COUNCIL_GROUP")
            .filter(consultations__council_decision__isnull=False)
            .distinct()
            .order_by("name", "pk")
        )

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Which service are you looking for?"),
        max_length=100,
        required=False,
        help_text=_("E.g. “Wohngeld”, “Anwohnerparkausweis”, “Hund anmelden”."),
    )
    body = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("all municipalities and the county"),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(
            pk__in=[body.pk for body in bodies]
        ).order_by("kind", "name")

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
