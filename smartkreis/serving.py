from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production_settings():
    """Called by the WSGI and ASGI entry points: never serve with the public development key."""
    if settings.SECRET_KEY_IS_DEFAULT and not settings.DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (a long random string) to run without DEBUG.")
