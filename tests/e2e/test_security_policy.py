"""The Content Security Policy holds in a real browser: our pages work under it, injected
inline scripts do not run, and the admin (with its map widgets) works too."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from territory.models import HealthFacility
from tests.factories import UserFactory
from tests.helpers.browser import assert_accessible

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


def test_project_lead_signs_in_with_a_code_and_uses_the_admin_map_widget(page, territory):
    """The admin is reached through the portal's login and the authenticator code; its map
    widgets work under the policy."""
    from tests.conftest import TOTP_SECRET, totp_code

    lead = UserFactory(email="cheffe@exemple.test", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    TOTP.activate(lead, TOTP_SECRET)

    page.goto("/admin/")
    page.wait_for_url("**/compte/login/?next=%2Fadmin%2F")
    assert_accessible(page)
    page.get_by_label("Courriel").fill("cheffe@exemple.test")
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/compte/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_placeholder("Code").fill(totp_code())
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")
    facility = HealthFacility.objects.first()
    page.goto(f"/admin/territory/healthfacility/{facility.pk}/change/")
    page.locator(".leaflet-container").first.wait_for()
    assert page.locator(".leaflet-container").count() >= 1
