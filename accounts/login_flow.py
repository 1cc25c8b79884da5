"""The login between its two steps: the password was right, the second factor is still due.

Until then the session holds whom the password was right for, by which backend, where to go
next and since when; it is nobody's login yet.
"""

import time

PENDING_SESSION_KEY = "accounts_pending_login"
# How long the second step waits for its code after the password.
PENDING_SECONDS = 5 * 60


def start(request, user, *, next_url):
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": int(time.time()),
    }


def pending(request):
    """The pending login ({user, backend, next, at}) or None, also once it has expired."""
    state = request.session.get(PENDING_SESSION_KEY)
    if not state or time.time() - state["at"] > PENDING_SECONDS:
        return None
    return state


def end(request):
    request.session.pop(PENDING_SESSION_KEY, None)
