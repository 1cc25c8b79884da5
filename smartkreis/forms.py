from contextlib import contextmanager

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django 6.1 labels empty choices with this text and its German catalogue does not translate
# it yet; marking it here keeps the translation in smartkreis's catalogue.
gettext_noop("- Select an option -")

_WIDGET_CLASSES = {
    forms.CheckboxInput: "kern-form-check__checkbox",
    forms.CheckboxSelectMultiple: "kern-form-check__checkbox",
    forms.RadioSelect: "kern-form-check__radio",
    forms.Select: "kern-form-input__select",
    forms.SelectMultiple: "kern-form-input__select",
}


class KernBoundField(forms.BoundField):
    """Adds KERN's input classes."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css_class = next(
            (css for kind, css in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
            "kern-form-input__input",
        )
        # Django itself points aria-describedby at the hint and the error message.
        if self.errors and css_class not in ("kern-form-check__checkbox", "kern-form-check__radio"):
            css_class += f" {css_class}--error"
        attrs["class"] = f"{attrs.get('class', '')} {css_class}".strip()
        return attrs


class KernFormRenderer(TemplatesSetting):
    """Renders every form field with KERN UX markup (label, hint, error, input classes)."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = KernBoundField
    # Django's widget templates that have a faster equivalent here, with the same output.
    replaced_templates = {"django/forms/widgets/select.html": "components/widgets/select.html"}

    def get_template(self, template_name):
        return super().get_template(self.replaced_templates.get(template_name, template_name))


class DateInput(forms.DateInput):
    """A native date picker; the value travels in ISO format whatever the UI language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TrafficLightRadioSelect(forms.RadioSelect):
    """Radios for a traffic light: each label shows its colour beside its word (as the
    traffic lights on the pages do), so the choice is seen as well as read."""


def add_action_errors(form, error):
    """Show an action's ValidationError on `form`: at its field, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        form.add_error(target, errors)


@contextmanager
def action_errors_on(form):
    """Run an action for a valid form; a ValidationError it raises lands on the form.

    The actions check their rules themselves (inside their transaction), so a view calls one
    in this block and returns its redirect there; a refusal skips the rest of the block and
    the view goes on to show the form again, with the message at its field:

        if request.method == "POST" and form.is_valid():
            with action_errors_on(form):
                actions.update_meeting(acting_user=request.user, ...)
                return redirect(meeting)
        return form_page(request, form=form, ...)
    """
    try:
        yield
    except ValidationError as error:
        add_action_errors(form, error)


class VersionedForm(forms.Form):
    """A form editing an object with a `version`: a stale save is refused by the action."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and cleaned.get("version") is None and "version" in self.fields:
            raise forms.ValidationError(
                _("The form is incomplete. Reload the page and enter your change again."),
                code="stale",
            )
        return cleaned

    @property
    def expected_version(self):
        return self.cleaned_data.get("version")
