"""Settings shared by every environment; each value can come from the environment."""

from pathlib import Path

from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from territory.folder import leaflet_settings, portal_settings, read_territory, territory_dir
from vsa_portal.env import env_bool, env_database, env_int, env_list, env_str, tile_origin

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The territory folder (territories/README.md): the département, the portal's identity, the
# map and the reference data. TERRITORY_DIR chooses another folder than Vaucluse's.
TERRITORY_DIR = territory_dir()
TERRITORY = read_territory(TERRITORY_DIR)

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
# True only in vsa_portal.settings.production: demo accounts are then refused (accounts.checks).
PRODUCTION = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "vsa_portal.admin_site.PortalAdminConfig",  # django.contrib.admin with the portal’s site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "leaflet",
    "django_filters",
    "simple_history",
    "vsa_portal",
    "accounts",
    "territory",
    "organisations",
    "offers",
    "housing",
    "aids",
    "interns",
    "agenda",
    "collective",
    "support",
    "replacements",
    "outbox",
    "search",
]

MIDDLEWARE = [
    # First, so that it compresses what every other middleware wrote. HTML is most of what a
    # page sends over a slow line (the offer list: 37 KB, 6.6 KB compressed); Django's gzip
    # pads each response against BREACH and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "vsa_portal.middleware.ExposeCspNonceMiddleware",
    "vsa_portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside every middleware that adds per-response headers (CSP, gzip, frame options), so
    # that a page served from the cache gets them again; see vsa_portal/page_cache.py.
    "vsa_portal.page_cache.AnonymousPageCacheMiddleware",
    # Last, so that its process_exception sees a view's database error first.
    "vsa_portal.middleware.RetrySafeRequestOnDroppedConnectionMiddleware",
]

ROOT_URLCONF = "vsa_portal.urls"
WSGI_APPLICATION = "vsa_portal.wsgi.application"
FORM_RENDERER = "vsa_portal.widgets.FastInputsRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vsa_portal.context_processors.portal",
            ],
        },
    },
]

# Each territory has a database of its own (territory.toml, [portal] database).
DATABASES = {
    "default": env_database(
        "DATABASE_URL", f"postgis://vsa:vsa@127.0.0.1:5432/{TERRITORY['database']}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "vsa_portal.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        # Two territories served from one Redis never read each other's pages or layers.
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", TERRITORY["database"]),
        "TIMEOUT": 300,
    }
}
# Anonymous pages are cached whole (vsa_portal.page_cache), except under these paths: personal
# spaces (a dossier, a referral, the receipt of a request), the back office, the API (token
# clients), health checks, map layers (cached apart).
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/compte/",
    "/espace-partenaire/",
    "/accompagnement/mon-dossier/",
    "/accompagnement/orientation/",
    "/accompagnement/demande/merci/",
    "/api/",
    "/healthz",
    "/carte/couches/",
)
# Sessions live in the database only: a logout while Redis is down must not come back with
# Redis (a cached copy of the session would).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/1")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
# Each territory's worker takes its own territory's tasks only, on a shared broker.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", TERRITORY["database"])
CELERY_TASK_ACKS_LATE = True
# Tasks report through the database (outbox rows, statuses), not through Celery results.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Paris"
# A form must not hang when the broker is down: one quick retry, then the outbox sweep takes over.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE = {
    "send-unsent-emails": {"task": "outbox.tasks.sweep_unsent", "schedule": 300.0},
    "alerts-daily": {
        "task": "accounts.tasks.send_alert_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ["daily"],
    },
    "alerts-weekly": {
        "task": "accounts.tasks.send_alert_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ["weekly"],
    },
    "search-index": {
        "task": "search.tasks.rebuild_search_index",
        "schedule": crontab(hour=4, minute=15),
    },
    "purge-personal-data": {
        "task": "accounts.tasks.purge_personal_data",
        "schedule": crontab(hour=3, minute=30),
    },
    "event-reminders": {
        "task": "agenda.tasks.send_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "support-digest": {
        "task": "support.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    "support-referral-reminders": {
        "task": "support.tasks.remind_silent_referrals",
        "schedule": crontab(hour=10, minute=0),
    },
    "support-retention-warnings": {
        "task": "support.tasks.warn_before_anonymisation",
        "schedule": crontab(hour=3, minute=0),
    },
    "expire-publications": {
        "task": "vsa_portal.tasks.expire_publications",
        "schedule": crontab(hour=2, minute=0),
    },
    "purge-contact-messages": {
        "task": "collective.tasks.purge_contact_messages",
        "schedule": crontab(hour=3, minute=45),
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail as the login, verified; its rate limits guard the login form.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Failed logins: 10 a minute from one address, 5 per account in 15 minutes (allauth's defaults
# for everything else).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/900s/key"}
# Per-address limits see the visitor's address only through a proxy configured here: the number
# of proxies in front of the portal (X-Forwarded-For), or the header a proxy sets
# (e.g. X-Real-IP). Neither is trusted by default, so a forged header changes nothing.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER", "") or None
ACCOUNT_EMAIL_SUBJECT_PREFIX = (
    f"[{env_str('PORTAL_SHORT_NAME', TERRITORY['portal']['short_name'])}] "
)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# Two-factor authentication (TOTP), required of staff before they reach the admin.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", env_str("PORTAL_NAME", TERRITORY["portal"]["name"]))
# One period of tolerance either side (RFC 6238, 5.2): a code typed as it changes still works.
MFA_TOTP_TOLERANCE = 1
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL",
    f"{env_str('PORTAL_NAME', TERRITORY['portal']['name'])} <ne-pas-repondre@localhost>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The deployment's identity, from territory.toml; each PORTAL_* variable overrides its value.
PORTAL = portal_settings(TERRITORY)
# The demo accounts (public password and authenticator key) come with demo content, outside
# production only: production.py turns them off, and a system check refuses them there.
PORTAL["DEMO_ACCOUNTS"] = env_bool("PORTAL_DEMO_ACCOUNTS", PORTAL["DEMO_CONTENT"])

# The map's extent and tiles come from territory.toml ([map]); MAP_* variables override them.
# Tiles come from a configurable server: nothing is downloaded from a CDN.
LEAFLET_CONFIG = leaflet_settings(TERRITORY)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Scripts only from the portal itself (and inline ones carrying the request's nonce); no
# 'unsafe-inline' anywhere. Map tiles may come from the configured tile server.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *tile_origin(LEAFLET_CONFIG["TILES"][0][1])],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The portal's public address, for links in e-mails sent by tasks (no request at hand).
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Personal data (RGPD): how long the portal keeps what it no longer needs.
UNVERIFIED_ACCOUNT_DAYS = env_int("UNVERIFIED_ACCOUNT_DAYS", 30)
OFFER_CONTACT_RETENTION_DAYS = env_int("OFFER_CONTACT_RETENTION_DAYS", 365)
SUPPORT_RETENTION_DAYS = env_int("SUPPORT_RETENTION_DAYS", 3 * 365)
# A new support request nobody has answered for this many days is flagged in the daily digest.
SUPPORT_UNANSWERED_DAYS = env_int("SUPPORT_UNANSWERED_DAYS", 7)
SUPPORT_REFERRAL_REMINDER_DAYS = env_int("SUPPORT_REFERRAL_REMINDER_DAYS", 7)
# The requester is warned by e-mail this many days before a dossier is anonymised.
SUPPORT_RETENTION_WARNING_DAYS = env_int("SUPPORT_RETENTION_WARNING_DAYS", 14)
# Documents on a dossier (CV, diploma) live outside the public media and are served by a view.
SUPPORT_DOCUMENTS_ROOT = Path(
    env_str("SUPPORT_DOCUMENTS_ROOT", str(BASE_DIR / "private" / "support"))
)
SUPPORT_DOCUMENT_MAX_BYTES = env_int("SUPPORT_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024)
SUPPORT_DOCUMENTS_PER_DOSSIER = env_int("SUPPORT_DOCUMENTS_PER_DOSSIER", 20)
# ClamAV: the clamd socket ("/run/clamav/clamd.ctl" or "tcp://host:3310"); empty = no scan,
# each upload then logs a warning.
SUPPORT_CLAMD_SOCKET = env_str("SUPPORT_CLAMD_SOCKET", "")
# Salaried posts are the Département's own service: such requests are referred to it.
SUPPORT_SALARIED_POST_PARTNER_NAME = env_str(
    "SUPPORT_SALARIED_POST_PARTNER_NAME", "Service recrutement du Département"
)
SUPPORT_SALARIED_POST_PARTNER_EMAIL = env_str("SUPPORT_SALARIED_POST_PARTNER_EMAIL", "")
SENT_EMAIL_RETENTION_DAYS = env_int("SENT_EMAIL_RETENTION_DAYS", 90)
# Event registrations are anonymised this many days after the event has ended; a registration
# nobody confirmed by e-mail is deleted once its link has expired (after this many hours).
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 365)
REGISTRATION_CONFIRMATION_HOURS = env_int("REGISTRATION_CONFIRMATION_HOURS", 48)
CONTACT_MESSAGE_RETENTION_DAYS = env_int("CONTACT_MESSAGE_RETENTION_DAYS", 365)
# The contact page: at most this many messages per client address and hour (through the cache).
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)

# Debian 12 ships GDAL 3.6, which cannot block file and network access from spatial references.
# The portal only reads spatial references from its own importers (EPSG codes it names itself),
# never from user input, so the warning is acknowledged here rather than on every command.
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", "gis.W001")
