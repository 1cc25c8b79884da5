from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, url prefix marking the item as current)
_MAIN_NAVIGATION = [
    ("dashboard", _("Overview"), "/uebersicht/"),
    ("portfolio:initiative_list", _("Initiatives"), "/vorhaben/"),
    ("strategy:goal_list", _("Strategy"), "/strategie/"),
    ("topics:topic_list", _("Topics"), "/themen/"),
    ("governance:organization_list", _("Committees"), "/gremien/"),
    ("papers:paper_list", _("Papers"), "/vorlagen/"),
    ("council:decision_list", _("Council decisions"), "/kreistagsbeschluesse/"),
    ("reports:report_list", _("Reports"), "/berichte/"),
    ("online_services:matrix", _("Online services"), "/onlinedienste/"),
    ("processes:process_list", _("Processes"), "/prozesse/"),
    ("organisations:body_list", _("Organisation"), "/organisation/"),
]


def navigation(request):
    """The main navigation for logged-in users; anonymous visitors see none."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [
        {"url": reverse(name), "label": label, "current": request.path.startswith(prefix)}
        for name, label, prefix in _MAIN_NAVIGATION
    ]
    if user.is_staff:
        items.append(
            {"url": reverse("admin:index"), "label": _("Administration"), "current": False}
        )
    return {"navigation": items}
