"""Rate limits for the public forms that send e-mail (registration, "Je suis intéressé·e").

Counters live in the Redis cache (``vsa_portal.cache``). With Redis down the limits are
lifted rather than enforced: a visitor then gets no 500 and nobody gets a 429 because the
cache is away (the forms stay usable; the outage is logged).
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from vsa_portal.cache import UNAVAILABLE

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key of a scope."""

    scope: str
    count: int
    seconds: int


def client_address(request):
    """The client's IP address, as allauth sees it (it trusts a proxy header only when its
    ``ALLAUTH_TRUSTED_PROXY_COUNT`` / ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER`` say so)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _key(limit, value):
    # Addresses are personal data: the cache only ever holds a digest of them.
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{limit.scope}:{digest}"


def hit(limit, value):
    """Count one hit for ``value``; True while it stays within the limit."""
    key = _key(limit, value)
    try:
        if cache.add(key, 1, timeout=limit.seconds):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window starts
            cache.set(key, 1, timeout=limit.seconds)
            return True
    except UNAVAILABLE as exc:
        logger.warning("Rate limit %s not enforced: cache unavailable (%s).", limit.scope, exc)
        return True
    return count <= limit.count


def hit_all(*checks):
    """Count a hit on every (limit, value) pair (all of them, so that a client cannot dodge a
    counter by tripping another); True if every one stays within its limit."""
    results = [hit(limit, value) for limit, value in checks]
    return all(results)
