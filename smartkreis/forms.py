from django import forms
from django.forms.renderers import TemplatesSetting
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
    """Adds KERN's input classes, and links each input to its error message for screen readers."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css_class = next(
            (css for kind, css in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
            "kern-form-input__input",
        )
        if self.errors:
            if css_class != "kern-form-check__checkbox" and css_class != "kern-form-check__radio":
                css_class += f" {css_class}--error"
            described_by = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described_by} {self.auto_id}_error".strip()
        attrs["class"] = f"{attrs.get('class', '')} {css_class}".strip()
        return attrs


class KernFormRenderer(TemplatesSetting):
    """Renders every form field with KERN UX markup (label, hint, error, input classes)."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = KernBoundField


class DateInput(forms.DateInput):
    """A native date picker; the value travels in ISO format whatever the UI language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
