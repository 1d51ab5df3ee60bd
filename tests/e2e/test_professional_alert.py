"""Browser journey: a professional saves a search as an alert, and the digest brings the new
offer that matches it."""

import re

import pytest
from allauth.account.models import EmailAddress

from accounts.tasks import send_alert_digests
from outbox.models import OutgoingEmail
from tests.factories import OfferFactory, UserFactory, commune
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_professional_saves_a_search_and_receives_the_digest(page, territory):
    doctor = UserFactory(email="dr.durand@exemple.test")
    EmailAddress.objects.create(user=doctor, email=doctor.email, verified=True, primary=True)
    OfferFactory(title="Collaboration déjà publiée", commune=commune("84031"))

    page.goto("/exercer/offres/?kind=collaboration&near=carpentras&km=20")
    page.get_by_text("Créer une alerte pour cette recherche").click()
    page.get_by_role("link", name="Connectez-vous").click()
    page.get_by_label("Courriel").fill(doctor.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/exercer/offres/\?kind=collaboration"))
    page.get_by_text("Créer une alerte pour cette recherche").click()
    page.get_by_label("Nom de l’alerte").fill("Collaborations autour de Carpentras")
    page.get_by_label("Fréquence").select_option("daily")
    assert_accessible(page)
    page.get_by_role("button", name="Créer l’alerte").click()
    page.wait_for_url(re.compile(r"/compte/alertes/$"))
    assert page.get_by_role("heading", name="Collaborations autour de Carpentras").is_visible()
    assert_accessible(page)

    OfferFactory(title="Nouvelle collaboration à Pernes", commune=commune("84088"))
    OfferFactory(title="Collaboration à Bollène, trop loin", commune=commune("84019"))
    assert send_alert_digests("daily") == 1
    (digest,) = OutgoingEmail.objects.filter(to=[doctor.email])
    assert "Nouvelle collaboration à Pernes" in digest.body
    assert "Bollène" not in digest.body and "déjà publiée" not in digest.body

    # The unsubscribe link works without logging in.
    unsubscribe = re.search(r"http://[^/]+(/compte/alertes/desabonnement/\S+)", digest.body).group(
        1
    )
    page.get_by_role("link", name="Se déconnecter").click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(unsubscribe)
    assert_accessible(page)
    page.get_by_role("button", name="Me désabonner").click()
    assert page.get_by_text("vous ne recevrez plus l’alerte").is_visible()
