"""Browser journey: a partner posts an offer from its space, the project lead signs in with
the authenticator code and approves it, and the offer appears on the public list."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from collective.models import Membership
from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def sign_in(page, email, password="mot-de-passe-de-test"):
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()


def test_partner_posts_and_project_lead_approves(page, territory):
    organisation = OrganisationFactory(name="CPTS du Comtat")
    partner = UserFactory(email="coordinatrice@cpts-comtat.test")
    EmailAddress.objects.create(user=partner, email=partner.email, verified=True, primary=True)
    Membership.objects.create(user=partner, organisation=organisation, confirmed_at=timezone.now())
    lead = UserFactory(email="cheffe@exemple.test", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    TOTP.activate(lead, TOTP_SECRET)

    # The partner signs in and posts an offer.
    page.goto("/espace-partenaire/")
    page.wait_for_url(re.compile(r"/compte/login/"))
    assert_accessible(page)
    sign_in(page, partner.email)
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
    assert page.get_by_role("heading", name="Soumise à validation").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Se déconnecter").click()
    page.get_by_role("button", name=re.compile("Se déconnecter|Déconnexion")).click()

    # The project lead signs in with the authenticator code and approves it.
    page.goto("/admin/offers/offer/?status__exact=submitted")
    sign_in(page, lead.email)
    page.wait_for_url(re.compile(r"/compte/2fa/authenticate/"))
    page.get_by_placeholder("Code").fill(totp_code())
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/admin/offers/offer/"))
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    page.get_by_text("1 offre(s) publiée(s).").wait_for()

    # Anyone now finds it on the public list.
    page.goto("/exercer/offres/")
    assert page.get_by_role("link", name="Collaboration en maison de santé à Mazan").is_visible()
    assert_accessible(page)
