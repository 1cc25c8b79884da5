"""The client's address, for the login throttling (django-axes) and the audit trail."""

import ipaddress

from django.conf import settings


def _valid(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """REMOTE_ADDR; behind the TLS proxy (BEHIND_TLS_PROXY) the hop that proxy added last to
    X-Forwarded-For, the only one a client cannot make up (it may send the header itself)."""
    if request is None:
        return None
    if settings.BEHIND_TLS_PROXY:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
        if hops:
            return _valid(hops[-1])
    return _valid(request.META.get("REMOTE_ADDR", ""))
