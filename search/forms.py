"""The search form: the query and its filters. Bad filter values are form errors; problems
with the query itself are hints (search.querytext), never errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Organization
from papers.models import Consultation, Paper
from smartkreis.forms import DateInput

from .permissions import can_read_internal_papers
from .queries import INITIATIVE_KIND, Filters


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.SearchInput,
        help_text=_(
            'All words must occur. "Quotation marks" search for a phrase, a minus sign '
            "excludes a word, “or” allows alternatives."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Papers and initiatives")),
            *Paper.Kind.choices,
            (INITIATIVE_KIND, _("Initiatives")),
        ],
    )
    committee = forms.ModelChoiceField(
        label=_("Committee (papers only)"),
        required=False,
        empty_label=_("All committees"),
        queryset=Organization.objects.none(),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput,
        help_text=_("Papers by their date, initiatives by their start."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Committees that consult papers (the internal steering group consults none); who may
        # not read internal papers is offered only committees with public consultations.
        consultations = Consultation.objects.all()
        if not can_read_internal_papers(user):
            consultations = consultations.filter(is_public=True)
        self.fields["committee"].queryset = (
            Organization.objects.exclude(kind=Organization.Kind.STEERING_GROUP)
            .filter(pk__in=consultations.values("organization_id"))
            .order_by("name")
        )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return Filters(
            kind=data["kind"],
            committee=data["committee"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
