"""Typed readers for environment variables that fail loudly on a bad value."""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name, default=""):
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name, default):
    """Read a URL such as postgis://user:password@host:5432/name into Django's DATABASES entry."""
    raw = env_str(name, default)
    url = urlsplit(raw)
    if url.scheme not in {"postgis", "postgres", "postgresql"}:
        raise ImproperlyConfigured(f"{name} must be a postgis:// URL, not {url.scheme!r}.")
    database_name = url.path.lstrip("/")
    if not database_name:
        raise ImproperlyConfigured(f"{name} must name a database.")
    return {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": unquote(database_name),
        "USER": unquote(url.username or ""),
        "PASSWORD": unquote(url.password or ""),
        "HOST": url.hostname or "",
        "PORT": str(url.port or ""),
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        # The planner prices PostGIS's exact distances high enough to compile a page's small
        # queries with JIT: 10 to 260 ms of compiling for a query that runs in 1 ms. Parallel
        # workers likewise: starting two took 10 to 20 ms of a list's 3 ms count, on cores the
        # other requests need (raise it on a server with many cores and few visitors).
        "OPTIONS": {
            "options": "-c jit=off -c max_parallel_workers_per_gather="
            + str(env_int("DATABASE_PARALLEL_WORKERS", 0))
        },
    }


def tile_origin(url):
    """The scheme and host a tile URL template loads from, for the CSP; none if relative."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []
