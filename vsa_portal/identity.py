"""The territory's visual identity (territory.toml, [theme]) as a stylesheet and a logo, served
by the portal so that no colour or logo of a département is in the code."""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.urls import reverse

# territory.toml key -> the CSS custom property of static/css/site.css it sets.
CUSTOM_PROPERTIES = {
    "primary": "--primary",
    "primary_dark": "--primary-dark",
    "primary_soft": "--primary-soft",
    "accent": "--accent",
    "highlight": "--highlight",
}
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}


def theme_css():
    lines = [
        f"  {prop}: {settings.TERRITORY['colours'][key]};"
        for key, prop in CUSTOM_PROPERTIES.items()
    ]
    return "/* From territory.toml ([theme]). */\n:root {\n" + "\n".join(lines) + "\n}\n"


def logo_bytes():
    path = settings.TERRITORY["logo"]
    return path.read_bytes() if path else None


@lru_cache(maxsize=8)
def _version(colours, logo_path):
    digest = hashlib.sha256(repr(colours).encode())
    if logo_path:
        digest.update(logo_path.read_bytes())
    return digest.hexdigest()[:12]


def version():
    """Changes with the colours and the logo: the URLs carry it, so browsers cache them long."""
    return _version(
        tuple(sorted(settings.TERRITORY["colours"].items())), settings.TERRITORY["logo"]
    )


def urls():
    current = version()
    logo = settings.TERRITORY["logo"]
    return {
        "theme_css": f"{reverse('theme_css')}?v={current}",
        "logo": f"{reverse('territory_logo')}?v={current}" if logo else "",
    }
