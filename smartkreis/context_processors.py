from smartkreis.navigation import main_navigation


def navigation(request):
    """The main navigation: the pages the user may open; anonymous visitors the public ones."""
    user = getattr(request, "user", None)
    if user is None:
        return {"navigation": []}
    return {"navigation": main_navigation(user, request.path)}
