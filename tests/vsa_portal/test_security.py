import secrets

import pytest
from django.urls import reverse

from tests.helpers.processes import run_in_django_process


def test_production_settings_pass_check_deploy():
    result, log = run_in_django_process(
        "import io\n"
        "from django.core.management import call_command\n"
        "out = io.StringIO()\n"
        "call_command('check', deploy=True, fail_level='WARNING', stdout=out, stderr=out)\n"
        "print(json.dumps({'out': out.getvalue()}))",
        DJANGO_SETTINGS_MODULE="vsa_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="vsa.example.org",
    )
    assert "no issues" in result["out"]


@pytest.mark.parametrize(
    "url", ["/", "/exercer/", "/exercer/offres/", "/collectif/mentions-legales/"]
)
def test_every_page_sends_the_security_headers(visitor, url):
    response = visitor.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_tile_server_is_allowed_for_images_only(settings):
    from vsa_portal.env import tile_origin

    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == [
        "https://tile.openstreetmap.org"
    ]
    assert tile_origin("/static/map/blank-tile.png") == []


def test_favicon_redirects_to_the_territorys_logo(visitor):
    response = visitor.get(reverse("favicon"))
    assert response.status_code == 302
    assert response["Location"].startswith("/territoire/logo?v=")
    assert visitor.get(response["Location"])["Content-Type"] == "image/svg+xml"


def test_favicon_without_a_logo_is_the_portals_mark(visitor, settings):
    settings.TERRITORY = {**settings.TERRITORY, "logo": None}
    response = visitor.get(reverse("favicon"))
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
