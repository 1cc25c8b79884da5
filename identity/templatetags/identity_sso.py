from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from identity.oidc import sso_enabled

register = template.Library()


@register.simple_tag(takes_context=True)
def sso_login_button(context):
    """The single sign-on button of the login page (URL and label), or None when SSO is off.
    The page's `next` goes along, so the user lands where they wanted to go."""
    if not sso_enabled():
        return None
    url = reverse("identity:sso_login")
    next_url = context.get("next")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    label = settings.OIDC_BUTTON_LABEL or _("Log in with the county's account")
    return {"url": url, "label": label}
