import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartkreis.settings")
application = get_wsgi_application()

from smartkreis.serving import (  # noqa: E402
    freeze_startup_objects,
    refuse_insecure_production_settings,
)

refuse_insecure_production_settings()
freeze_startup_objects()
