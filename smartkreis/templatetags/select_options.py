"""{% select_options widget.optgroups %}: a select's options written in Python.

The same markup as Django's select.html and select_option.html, without the template language
per option: the register's filter form offers every unit of a Land (about 2,500 options),
which took about 80 ms through templates and takes a few milliseconds here.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

PLAIN_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attributes(attrs):
    """As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    return "".join(parts)


@register.simple_tag(takes_context=True)
def select_options(context, optgroups):
    parts = []
    for group_name, group_choices, _group_index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append("\n  ")
            if option["template_name"] != PLAIN_OPTION_TEMPLATE:
                # A widget with options of its own markup: rendered as Django would.
                option_template = context.template.engine.get_template(option["template_name"])
                with context.push(widget=option):
                    parts.append(option_template.render(context))
                continue
            parts.append(
                f'<option value="{conditional_escape(str(option["value"]))}"'
                f"{_attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))
