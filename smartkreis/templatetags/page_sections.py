"""{% page_section section %}: a PageSection (smartkreis.contributions) rendered in place.

Its template sees the page's context and the section's own context on top of it.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_section(context, section):
    section_template = context.template.engine.get_template(section.template_name)
    with context.push(**section.context):
        return section_template.render(context)
