"""Login throttling: after too many failed logins from one address, or for one account, the
login form refuses further attempts for a while, with a message that says so."""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

LIMIT = getattr(settings, "LOGIN_FAILURE_LIMIT", 5)
WINDOW_SECONDS = getattr(settings, "LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)


def _keys(request):
    address = request.META.get("REMOTE_ADDR", "")
    account = (request.POST.get("username") or "").strip().lower()
    # Hashed: no e-mail address or IP in the cache's keys.
    return [
        "login-failures:ip:" + hashlib.sha256(address.encode()).hexdigest(),
        "login-failures:account:" + hashlib.sha256(account.encode()).hexdigest(),
    ]


def throttled_login(login_view):
    """Wrap a login view: count failed POSTs, refuse with 429 once the limit is reached."""

    @functools.wraps(login_view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return login_view(request, *args, **kwargs)
        keys = _keys(request)
        if any((cache.get(key) or 0) >= LIMIT for key in keys):
            return render(
                request,
                "accounts/login_throttled.html",
                {"minutes": WINDOW_SECONDS // 60},
                status=429,
            )
        response = login_view(request, *args, **kwargs)
        failed = response.status_code == 200  # the form was shown again: wrong credentials
        for key in keys:
            if failed:
                cache.add(key, 0, WINDOW_SECONDS)
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, WINDOW_SECONDS)
            else:
                cache.delete(key)
        return response

    return wrapper
