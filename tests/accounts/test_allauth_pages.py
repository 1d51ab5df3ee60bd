"""Every allauth page (sign-up, login, password reset, two-factor) is valid HTML and uses the
portal's layout: its header, its footer and the account column its styles apply to."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers.html import assert_valid_html, html_errors


def assert_portal_page(response):
    assert response.status_code == 200, response.get("Location")
    html = response.content.decode()
    assert_valid_html(html, response.request["PATH_INFO"])
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html
    assert '<main id="contenu"' in html
    assert '<div class="account-page">' in html, "the page is outside the account column"
    assert "<h1" in html
    return html


@pytest.mark.parametrize("name", ["account_signup", "account_login", "account_reset_password"])
def test_entrance_pages_are_valid_html_in_the_portal_layout(visitor, name):
    assert_portal_page(visitor.get(reverse(name)))


def test_signup_with_errors_is_valid_html(visitor):
    response = visitor.post(reverse("account_signup"), {"email": "pas-une-adresse"})
    assert response.status_code == 200
    html = response.content.decode()
    assert_valid_html(html, "signup with errors")
    assert "errorlist" in html


def test_signup_password_rules_are_a_list_outside_any_paragraph(visitor):
    html = visitor.get(reverse("account_signup")).content.decode()
    assert re.search(r'<div class="muted help-text"\s+id="id_password1_helptext">\s*<ul>', html)


def test_two_factor_authentication_page(visitor, project_lead_user):
    visitor.post(
        reverse("account_login"),
        {"login": project_lead_user.email, "password": "mot-de-passe-de-test"},
    )
    html = assert_portal_page(visitor.get(reverse("mfa_authenticate")))
    assert 'class="stacked-form"' in html


def test_two_factor_index_page(project_lead):
    html = assert_portal_page(project_lead.get(reverse("mfa_index")))
    assert '<section class="panel">' in html
    assert 'class="button"' in html


def test_activate_authenticator_page(db):
    user = UserFactory(is_staff=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    # Activating an authenticator asks for the password again first: that page too.
    assert_portal_page(client.get(reverse("account_reauthenticate")))
    client.post(reverse("account_reauthenticate"), {"password": "mot-de-passe-de-test"})
    html = assert_portal_page(client.get(reverse("mfa_activate_totp")))
    assert 'id="authenticator_secret"' in html
    assert 'class="stacked-form"' in html


def test_the_checker_finds_what_the_w3c_checker_found():
    page = "<p><span>Règles<ul><li>8 caractères</li></ul></span></p>"
    assert html_errors(page)
    assert html_errors("<div><p>non fermé</div>")
    assert html_errors('<a href="/" href="/x">x</a>')
    assert html_errors('<p id="a"></p><p id="a"></p>')
    assert not html_errors('<p>Un <br> saut <img src="x" alt=""> et <input name="x"></p>')
