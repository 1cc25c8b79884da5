from django import forms
from django.utils.translation import gettext_lazy as _


class InitiativeExportForm(forms.Form):
    """The register's filters of a large export, as the list's query string."""

    filters = forms.CharField(max_length=2000, required=False, strip=False)


class ImportScheduleForm(forms.Form):
    hour = forms.TypedChoiceField(
        label=_("Import daily at"),
        choices=[("", _("never (only when started here)"))]
        + [(str(hour), f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
        empty_value=None,
        required=False,
    )
