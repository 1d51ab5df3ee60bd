"""Messages after an action are shown once, by the layout, at the top of the main content,
announced to screen readers; never inside a page's own section (an offer's contact form)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import OfferFactory, UserFactory
from tests.helpers.browser import assert_accessible

LOGGED_IN = "Connexion avec"


def verified_user():
    user = UserFactory(email="dr.morel@exemple.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def region(html, start_pattern, end_pattern):
    match = re.search(start_pattern + r"(.*?)" + end_pattern, html, re.DOTALL)
    assert match, f"{start_pattern!r} not found"
    return match.group(1)


def test_login_message_shows_once_in_the_layout_not_in_the_offer_contact_section(
    visitor, territory
):
    offer = OfferFactory()
    user = verified_user()
    response = visitor.post(
        reverse("account_login"),
        {"login": user.email, "password": "mot-de-passe-de-test", "next": offer.get_absolute_url()},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == offer.get_absolute_url()
    html = response.content.decode()
    assert html.count(LOGGED_IN) == 1
    messages = region(html, r'<div class="messages container" id="messages">', r"</div>")
    assert LOGGED_IN in messages
    assert 'role="status"' in messages
    contact = region(html, r'<section id="contact"', r"</section>")
    assert LOGGED_IN not in contact
    # The region sits at the top of the main content, before the page's own heading.
    main = region(html, r'<main id="contenu" tabindex="-1">', r"</main>")
    assert main.index(LOGGED_IN) < main.index("<h1")


def test_an_error_message_is_an_alert(professional):
    response = professional.post(reverse("accounts:delete_account"), {"confirm": "non"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Recopiez le mot SUPPRIMER") == 1
    assert re.search(r'<p class="message message-error" role="alert">\s*Recopiez', html)


@pytest.mark.browser
def test_login_message_in_the_browser_is_accessible(page, territory):
    offer = OfferFactory()
    user = verified_user()
    page.goto(reverse("account_login") + "?next=" + offer.get_absolute_url())
    page.get_by_label("Courriel").fill(user.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(re.escape(offer.get_absolute_url())))
    status = page.locator("main > .messages [role=status]")
    assert status.count() == 1
    assert LOGGED_IN in status.inner_text()
    assert page.locator("#contact").get_by_text(LOGGED_IN).count() == 0
    assert_accessible(page)
