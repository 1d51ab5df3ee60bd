"""Browser journey: a GP finds a collaboration near Carpentras, on the list and on the map,
opens it and sends the contact form; a real Celery worker delivers the poster's e-mail."""

import re
import time

import pytest
from django.core import mail

from offers.models import OfferContact
from tests.factories import OfferFactory, commune
from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_gp_finds_a_collaboration_near_carpentras_and_contacts_the_poster(
    page, territory, celery_worker_thread
):
    target = OfferFactory(
        title="Collaboration en maison de santé à Pernes-les-Fontaines",
        commune=commune("84088"),
        contact_email="dr.poster@msp-pernes.test",
    )
    OfferFactory(title="Collaboration à Bollène", commune=commune("84019"))
    OfferFactory(
        title="Remplacement à Carpentras", kind="remplacement_ponctuel", commune=commune("84031")
    )

    page.goto("/exercer/offres/")
    assert_accessible(page)
    page.get_by_role("checkbox", name="Collaboration").check()
    page.get_by_label("Autour de la commune").select_option("carpentras")
    page.get_by_label("Rayon (km)").fill("20")
    page.get_by_label("Trier par").select_option("proches")
    page.locator("#contenu").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"kind=collaboration.*near=carpentras"))
    assert page.get_by_text("1 offre", exact=True).is_visible()
    assert page.get_by_role("link", name=target.title).is_visible()
    assert page.get_by_text("Collaboration à Bollène").count() == 0
    assert_accessible(page)

    # The same search on the map.
    page.get_by_role("link", name="Voir ces offres sur la carte").click()
    page.wait_for_url(re.compile(r"/exercer/offres/carte/\?.*near=carpentras"))
    page.wait_for_function(
        "() => Number(document.querySelector('#carte-offres').dataset.loaded) >= 1"
    )
    offer_markers = page.locator("#carte-offres path.leaflet-interactive")
    assert offer_markers.count() == 1
    assert_accessible(page)
    offer_markers.first.click(force=True)
    page.get_by_role("link", name="Voir l’offre").click()
    page.wait_for_url(re.compile(r"/exercer/offres/\d+-"))
    assert page.locator("h1").inner_text() == target.title
    assert_accessible(page)

    # The contact form.
    page.get_by_label("Nom et prénom").fill("Dr Alex Durand")
    page.get_by_label("Adresse e-mail").fill("alex.durand@exemple.test")
    page.get_by_label("Vous êtes").select_option("remplacant")
    page.get_by_role("textbox", name="Message", exact=True).fill(
        "Bonjour, votre offre de collaboration m’intéresse beaucoup."
    )
    page.get_by_label(re.compile("J’accepte que mes coordonnées")).check()
    page.get_by_role("button", name="Envoyer mon message").click()
    page.get_by_text("Votre message a été transmis").wait_for()
    assert_accessible(page)

    assert OfferContact.objects.filter(offer=target, email="alex.durand@exemple.test").exists()
    assert wait_for(lambda: any("dr.poster@msp-pernes.test" in m.to for m in mail.outbox)), (
        "the worker did not deliver the poster's e-mail"
    )
    to_poster = next(m for m in mail.outbox if "dr.poster@msp-pernes.test" in m.to)
    assert "Dr Alex Durand" in to_poster.body
    assert to_poster.reply_to == ["alex.durand@exemple.test"]
    assert wait_for(lambda: len(mail.outbox) == 2)


def test_contact_form_errors_are_announced_and_keep_what_was_typed(page, territory):
    offer = OfferFactory()
    page.goto(offer.get_absolute_url())
    page.get_by_label("Nom et prénom").fill("Dr Alex Durand")
    page.get_by_role("textbox", name="Message", exact=True).fill(
        "Mon message ne doit pas être perdu."
    )
    page.get_by_role("button", name="Envoyer mon message").click()
    page.get_by_text("Le formulaire contient des erreurs").wait_for()
    assert (
        page.get_by_role("textbox", name="Message", exact=True).input_value()
        == "Mon message ne doit pas être perdu."
    )
    assert page.get_by_text("Votre accord est nécessaire").is_visible()
    assert_accessible(page)
    # The browser reports the 400 status of the page itself.
    assert all("400" in error for error in page.reported_errors)
    page.reported_errors.clear()
