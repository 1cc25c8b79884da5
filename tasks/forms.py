from django import forms
from django.utils.translation import gettext_lazy as _


class ImportScheduleForm(forms.Form):
    hour = forms.TypedChoiceField(
        label=_("Import daily at"),
        choices=[("", _("never (only when started here)"))]
        + [(str(hour), f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
        empty_value=None,
        required=False,
    )
