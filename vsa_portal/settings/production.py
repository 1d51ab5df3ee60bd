"""Production: every secret from the environment, HTTPS only."""

from .base import *  # noqa: F403
from .base import PORTAL, env_bool, env_int

PRODUCTION = True
# Demo-labelled content stays possible (`make bench`), demo accounts never: setting
# PORTAL_DEMO_ACCOUNTS here stops the start-up (accounts.checks).
PORTAL = {**PORTAL, "DEMO_ACCOUNTS": env_bool("PORTAL_DEMO_ACCOUNTS", False)}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

if env_bool("BENCH_QUERY_COUNT", False):
    # Only `make bench` sets this: every response says how many queries it ran.
    MIDDLEWARE = ["vsa_portal.middleware.QueryCountHeaderMiddleware", *MIDDLEWARE]  # noqa: F405
