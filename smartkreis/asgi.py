import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartkreis.settings")
application = get_asgi_application()

from smartkreis.serving import refuse_insecure_production_settings  # noqa: E402

refuse_insecure_production_settings()
