"""The select written in Python (components/widgets/select.html) gives Django's own markup."""

from django import forms
from django.forms.renderers import DjangoTemplates

from smartkreis.forms import KernFormRenderer

CHOICES = [
    ("", "Alle Einheiten"),
    ("Rhein-Sieg-Kreis", [(1, "Amt 10 – Digitales"), (2, 'Stabsstelle "Kreis & Kommunen" <neu>')]),
    (3, "Siegburg: Amt 20 – Finanzen"),
]


def render(renderer, widget, value, attrs=None):
    return widget.render("unit", value, attrs=attrs, renderer=renderer)


def test_options_groups_selection_and_escaping_as_django_writes_them():
    attrs = {"id": "id_unit", "aria-describedby": "id_unit_helptext", "required": True}
    for widget, value in (
        (forms.Select(choices=CHOICES), 2),
        (forms.Select(choices=CHOICES), ""),
        (forms.SelectMultiple(choices=CHOICES), [1, 3]),
    ):
        ours = render(KernFormRenderer(), widget, value, attrs)
        assert ours == render(DjangoTemplates(), widget, value, attrs)
        assert "&lt;neu&gt;" in ours
        assert "&quot;Kreis &amp; Kommunen&quot;" in ours


def test_a_disabled_option_keeps_its_attribute():
    class WithDisabledOption(forms.Select):
        def create_option(self, *args, **kwargs):
            option = super().create_option(*args, **kwargs)
            option["attrs"]["disabled"] = option["value"] == 3
            return option

    widget = WithDisabledOption(choices=CHOICES)
    ours = render(KernFormRenderer(), widget, 1)
    assert ours == render(DjangoTemplates(), widget, 1)
    assert '<option value="3" disabled>' in ours
    assert '<option value="1" selected>' in ours


def test_the_form_renderer_takes_the_python_written_select():
    template = KernFormRenderer().get_template("django/forms/widgets/select.html")
    assert template.origin.name.endswith("components/widgets/select.html")
