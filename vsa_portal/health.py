"""Checks of the services the portal cannot work without."""

from django.conf import settings
from django.db import connection
from redis import Redis
from redis.exceptions import RedisError


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT postgis_lib_version()")
        cursor.fetchone()


def check_redis():
    client = Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


CHECKS = {"database": check_database, "redis": check_redis}


def run_checks():
    """Return {service: None or the error's message} for every service."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except (RedisError, OSError) as exc:
            results[name] = str(exc) or exc.__class__.__name__
        except Exception as exc:  # noqa: BLE001 - any database error means "down"
            results[name] = str(exc).strip() or exc.__class__.__name__
        else:
            results[name] = None
    return results
