"""The API's URLs: django-ninja's operations, built from the registry once the apps are ready."""

from vsa_portal.api import build_api

api = build_api()
