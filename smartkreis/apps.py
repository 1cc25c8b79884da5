from django.apps import AppConfig


class SmartkreisConfig(AppConfig):
    """The project package: base templates, components, static files, project-wide locale."""

    name = "smartkreis"
    verbose_name = "smartkreis"
