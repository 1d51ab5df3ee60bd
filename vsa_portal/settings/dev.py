"""Local development: debug on, e-mails printed to the console."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("PORTAL_DEMO_CONTENT", "1")
os.environ.setdefault("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
os.environ.setdefault("PORTAL_PROJECT_LEAD_EMAIL", "cheffe-de-projet@demo.test")

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
