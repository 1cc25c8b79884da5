"""Forms of the progress reports. They parse input; the rules live in reports.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Organization
from smartkreis.forms import DateInput, VersionedForm

from .actions import RECIPIENT_KINDS


class ReportForm(VersionedForm):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Organization.objects.none())
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period until"), widget=DateInput())
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Left empty, the title names the committee and the period."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your own words for the committee; one paragraph per line."),
    )
    NAMES = ("committee", "period_start", "period_end", "title", "summary")

    def __init__(self, *args, report=None, **kwargs):
        if report is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(report, name) for name in self.NAMES} | {"version": report.version},
            )
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Organization.objects.filter(
            kind__in=RECIPIENT_KINDS
        ).order_by("name", "pk")
        if report is None:
            del self.fields["version"]

    def values(self):
        return {name: self.cleaned_data[name] for name in self.NAMES}
