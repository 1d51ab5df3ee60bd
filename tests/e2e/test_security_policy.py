"""The Content Security Policy holds in a real browser: our pages work under it, injected
inline scripts do not run, and the admin (with its map widgets) works too."""

import pytest

from territory.models import HealthFacility
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_public_pages_send_a_strict_policy(page, territory):
    response = page.goto("/exercer/")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy
    assert response.headers["permissions-policy"].startswith("camera=()")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_an_injected_inline_script_is_refused(page, territory):
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in error for error in page.reported_errors)
    page.reported_errors.clear()


def test_project_lead_uses_the_admin_map_widget_under_the_policy(page, territory):
    UserFactory(email="cheffe@exemple.test", is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.get_by_label("Adresse e-mail").fill("cheffe@exemple.test")
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")
    facility = HealthFacility.objects.first()
    page.goto(f"/admin/territory/healthfacility/{facility.pk}/change/")
    page.locator(".leaflet-container").first.wait_for()
    assert page.locator(".leaflet-container").count() >= 1
