"""Browser journey: a partner posts an offer from its space, the project lead signs in with
the authenticator code and approves it, and the offer appears on the public list."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from organisations.models import Membership
from outbox.models import OutgoingEmail
from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def sign_in(page, email, password="mot-de-passe-de-test"):
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()


def sign_in_as_project_lead(page, lead):
    sign_in(page, lead.email)
    page.wait_for_url(re.compile(r"/compte/2fa/authenticate/"))
    assert_accessible(page)
    page.get_by_placeholder("Code").fill(totp_code())
    page.get_by_role("button", name="Connexion").click()


def sign_out(page):
    page.goto("/compte/logout/")
    page.get_by_role("button", name="Se déconnecter").click()


def test_partner_signs_up_is_attached_posts_and_project_lead_approves(
    page, browser, live_server, territory
):
    """Two people, two browsers: the partner (``page``) and the project lead (``lead_page``)."""
    organisation = OrganisationFactory(name="CPTS du Comtat")
    lead = UserFactory(email="cheffe@exemple.test", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    TOTP.activate(lead, TOTP_SECRET)

    # The partner creates an account and confirms the address from the e-mail.
    page.goto("/compte/signup/")
    assert_accessible(page)
    page.get_by_label("Courriel").fill("coordinatrice@cpts-comtat.test")
    page.locator("#id_password1").fill("Une-phrase-solide-84")
    page.locator("#id_password2").fill("Une-phrase-solide-84")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Création de compte").click()
    page.wait_for_url(re.compile(r"/compte/confirm-email/"))
    (verification,) = OutgoingEmail.objects.filter(to=["coordinatrice@cpts-comtat.test"])
    page.goto(re.search(r"https?://[^/]+(/compte/confirm-email/\S+)", verification.body).group(1))
    page.get_by_role("button", name="Confirmer").click()
    partner = User.objects.get(email="coordinatrice@cpts-comtat.test")
    assert EmailAddress.objects.get(user=partner).verified

    # Not attached yet: the partner space says so.
    page.goto("/espace-partenaire/")
    if "/compte/login/" in page.url:
        sign_in(page, partner.email, "Une-phrase-solide-84")
    page.get_by_text("pas encore rattaché à une organisation").wait_for()
    page.reported_errors.clear()  # the 403 of that page
    sign_out(page)

    # The project lead attaches the partner to the organisation.
    lead_context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    lead_page = lead_context.new_page()
    lead_errors = []
    lead_page.on(
        "console",
        lambda message: lead_errors.append(message.text) if message.type == "error" else None,
    )
    lead_page.goto("/admin/organisations/membership/add/")
    sign_in_as_project_lead(lead_page, lead)
    lead_page.wait_for_url(re.compile(r"/admin/organisations/membership/add/"))
    for field, text in [("user", "coordinatrice"), ("organisation", "Comtat")]:
        lead_page.locator(f"#id_{field} + .select2 .select2-selection").click()
        lead_page.locator(".select2-search__field").fill(text)
        # Wait for the search's own result, not the list shown before it arrives.
        lead_page.locator(".select2-results__option--highlighted", has_text=text).wait_for()
        lead_page.keyboard.press("Enter")
    lead_page.locator("input[name=_save]").click()
    lead_page.get_by_text("a été ajouté").wait_for()
    assert Membership.objects.confirmed().filter(user=partner, organisation=organisation).exists()

    # The partner signs in and posts an offer.
    page.goto("/espace-partenaire/")
    page.wait_for_url(re.compile(r"/compte/login/"))
    sign_in(page, partner.email, "Une-phrase-solide-84")
    page.wait_for_url(re.compile(r"/espace-partenaire/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Publier une offre d’exercice").click()
    page.get_by_label("Type d’offre").select_option("collaboration")
    page.get_by_label("Profession").select_option(label="Médecine générale")
    page.get_by_label("Titre").fill("Collaboration en maison de santé à Mazan")
    page.get_by_label("Description").fill("Six professionnels, un projet de santé validé.")
    page.get_by_label("Structure").select_option("msp")
    page.get_by_label("Commune").select_option(label="Mazan")
    page.get_by_label("Nom du contact").fill("Dr Claire Fabre")
    page.get_by_label("E-mail du contact").fill("claire.fabre@msp-mazan.test")
    assert_accessible(page)
    page.get_by_role("button", name="Soumettre à la cheffe de projet").click()
    page.get_by_text("Offre soumise").wait_for()
    assert page.get_by_role("cell", name="Soumise à validation").is_visible()
    assert_accessible(page)

    # The project lead approves it from the moderation queue.
    lead_page.goto("/admin/offers/offer/?status__exact=submitted")
    lead_page.locator("input[name=_selected_action]").first.check()
    lead_page.locator("select[name=action]").select_option("publish")
    lead_page.locator("button[name=index]").click()
    # The review page shows the versions about to go public; publishing confirms them.
    lead_page.get_by_role("button", name="Publier").click()
    lead_page.get_by_text("1 élément(s) publié(s).").wait_for()
    lead_context.close()
    assert not lead_errors, lead_errors

    # Anyone now finds it on the public list.
    page.goto("/exercer/offres/")
    assert page.get_by_role("link", name="Collaboration en maison de santé à Mazan").is_visible()
    assert_accessible(page)
