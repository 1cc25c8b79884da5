import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartkreis.settings")
application = get_asgi_application()

from smartkreis.serving import (  # noqa: E402
    freeze_startup_objects,
    refuse_insecure_production_settings,
)

refuse_insecure_production_settings()
freeze_startup_objects()
