"""Sections that higher apps contribute to a lower app's page.

The apps build on one another (organisations and strategy below portfolio, portfolio below
papers and council), and a lower app imports none above it. Where a lower page shows what a
higher app knows (the papers and council decisions on an initiative), the page asks the
installed apps: each AppConfig may define the method named by the page's hook, taking keyword
arguments and returning PageSections; the page renders them in the order of their position
with `{% page_section %}` (smartkreis/templatetags/page_sections.py). So a new app adds to the
page without the page knowing it, and removing an app removes its section.

A column of a lower app's table (how many initiatives serve a goal) comes the same way, as a
TableColumn from `table_columns`.

Where a lower app's action concerns what a higher app keeps (a dissolved unit's initiatives),
the action calls `call_apps`: every app defining the hook does its part, inside the action's
transaction, so a refusal anywhere undoes all of it.

Where a lower app's rule depends on what a higher app knows (who chairs the steering group
that decides the topics), the rule asks `app_answers`: what each app defining the hook says.
"""

from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class PageSection:
    template_name: str
    context: dict = field(default_factory=dict)
    position: int = 0


@dataclass(frozen=True)
class TableColumn:
    """A column a higher app adds to a lower app's table: its header and a value per row key
    (a number, or a PageSection where the table renders its cells with `{% page_section %}`)."""

    label: str
    values: dict
    default: object = 0
    numeric: bool = True


def app_answers(hook, **kwargs):
    """What the method `hook` of each installed app's AppConfig that defines it returns."""
    return [
        method(**kwargs)
        for config in apps.get_app_configs()
        if (method := getattr(config, hook, None)) is not None
    ]


def table_columns(hook, **kwargs):
    """The TableColumns the installed apps contribute to the table hook `hook`."""
    return [column for columns in app_answers(hook, **kwargs) for column in columns]


def page_sections(hook, **kwargs):
    """The sections the installed apps contribute to the page hook `hook`, in order."""
    sections = [section for sections in app_answers(hook, **kwargs) for section in sections]
    return sorted(sections, key=lambda section: section.position)


def call_apps(hook, **kwargs):
    """Call the method `hook` of every installed app's AppConfig that defines it."""
    app_answers(hook, **kwargs)
