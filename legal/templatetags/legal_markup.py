from django import template

from legal import markup

register = template.Library()


@register.filter
def legal_markup(text, top_level=2):
    """`{{ text|legal_markup }}`: a legal text's markup as safe HTML (see legal.markup)."""
    return markup.render(text or "", top_level=int(top_level))
