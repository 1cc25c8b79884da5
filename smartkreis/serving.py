import gc
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production_settings():
    """Called by the WSGI and ASGI entry points: never serve with the public development key."""
    if settings.SECRET_KEY_IS_DEFAULT and not settings.DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (a long random string) to run without DEBUG.")


def freeze_startup_objects():
    """Called by the WSGI and ASGI entry points (and the bench before it measures), once the
    application is loaded: its modules, views and URL patterns (about 220,000 objects) live as
    long as the process. Frozen, the garbage collector's full collections no longer walk them:
    at Land size such a collection took 130-150 ms of the request that set it off, frozen 26 ms
    (PostgreSQL, 2 cores). With gunicorn's --preload, the workers also share these pages."""
    import_module(settings.ROOT_URLCONF)  # and with it every app's views
    gc.collect()
    gc.freeze()
