"""The test suite: the real PostGIS and Redis, separate Redis databases, fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/10")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/11")
os.environ.setdefault("CACHE_KEY_PREFIX", "vsa-test")
os.environ.setdefault("PORTAL_DEMO_CONTENT", "1")
os.environ.setdefault("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
os.environ.setdefault("PORTAL_PROJECT_LEAD_EMAIL", "cheffe-de-projet@exemple.test")
# No tile server is reachable from the tests: every tile is the same plain image.
os.environ.setdefault("MAP_TILE_URL", "/static/map/blank-tile.png")

from tests.helpers.template_guard import InvalidTemplateVariable  # noqa: E402

from .base import *  # noqa: E402,F403
from .base import BASE_DIR, DATABASES, INSTALLED_APPS, STORAGES, TEMPLATES  # noqa: E402

DEBUG = False
# A kind of content that exists only in the tests (its registration is made by the conformance
# suite, so that other tests see the portal as deployed).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.kindapp"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if os.environ.get("TEST_SMTP_PORT"):
    # A worker started by a fault test sends to that test's own SMTP server.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "127.0.0.1",
                "port": int(os.environ["TEST_SMTP_PORT"]),
                "timeout": 60,
            },
        }
    }
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# The test database is copied from a template that already holds PostGIS, so that the
# application's role needs no superuser right (see scripts/provision.sh).
DATABASES["default"]["TEST"] = {
    "TEMPLATE": os.environ.get("DATABASE_TEST_TEMPLATE", "vsa_template")
}
# Serve static files from the apps' folders, as in development: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# An undefined variable in one of the project's templates fails the test (see the guard).
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable([BASE_DIR / "templates"])
