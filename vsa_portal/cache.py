"""A Redis cache that degrades instead of failing: with Redis down, pages are only slower."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(default):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as exc:
                logger.warning(
                    "Cache unavailable (%s): %s degraded.", exc.__class__.__name__, method.__name__
                )
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorator


def _default_of_get(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    get = _degrade(_default_of_get)(RedisCache.get)
    get_many = _degrade({})(RedisCache.get_many)
    has_key = _degrade(False)(RedisCache.has_key)
    # With Redis down, add() reports success: the locks around rate limits (allauth's) then let
    # the request through instead of answering 429 to everyone.
    add = _degrade(True)(RedisCache.add)
    set = _degrade(None)(RedisCache.set)
    set_many = _degrade([])(RedisCache.set_many)
    touch = _degrade(False)(RedisCache.touch)
    # The page and layer generations: with Redis down nothing is served from it anyway, and
    # what it held expires within the pages' timeout once it is back.
    incr = _degrade(0)(RedisCache.incr)
    delete = _degrade(False)(RedisCache.delete)
    delete_many = _degrade(None)(RedisCache.delete_many)
    clear = _degrade(None)(RedisCache.clear)


def next_generation(key):
    """Move a cache generation on (the pages', the layers'): every key built on the old one is
    never read again and expires by itself."""
    from django.core.cache import cache

    try:
        cache.incr(key)
    except ValueError:  # not set yet: the next read starts a generation
        cache.set(key, 2, timeout=None)
