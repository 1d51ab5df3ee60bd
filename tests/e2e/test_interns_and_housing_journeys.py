"""Browser journeys of issue 16: an intern finds a site in Avignon and the housing within
10 km with their distances; an intern looks for a site around Vaison-la-Romaine with housing
within 10 km; a landlord posts housing with a photo, the project lead approves
it in the admin, and it appears in the search."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from housing.models import Housing, LandlordConfirmation
from interns.demo import generate_demo_sites
from organisations.models import Membership
from tests.conftest import TOTP_SECRET
from tests.e2e.test_partner_publication import sign_in, sign_in_as_project_lead
from tests.factories import OrganisationFactory, UserFactory, commune
from tests.helpers.browser import assert_accessible
from tests.housing.conftest import HousingFactory, image_bytes

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_intern_finds_a_site_in_avignon_and_housing_within_10_km(page, territory):
    generate_demo_sites()
    HousingFactory(title="Studio à deux pas de l’hôpital", commune=commune("84007"))
    HousingFactory(title="Chambre en colocation à Vaison", commune=commune("84137"))

    page.goto("/internes/")
    assert_accessible(page)
    page.get_by_label("Autour de la commune").select_option(label="Avignon")
    page.get_by_label("Rayon (km)").fill("5")
    page.locator("#contenu").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/internes/terrains-de-stage/\?"))
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile("centre hospitalier d'avignon", re.IGNORECASE)
    ).first.click()
    page.get_by_role("heading", name="Logements à moins de 10 km").wait_for()
    assert_accessible(page)
    housing = page.locator("section[aria-labelledby=logements-titre]")
    assert housing.get_by_text("Studio à deux pas de l’hôpital").is_visible()
    assert "Vaison" not in housing.inner_text()
    assert re.search(r"\d+,\d km à vol d’oiseau", housing.inner_text())

    page.get_by_role("link", name="Chercher un logement autour de ce terrain de stage").click()
    page.wait_for_url(re.compile(r"/s-installer/logements/\?terrain="))
    assert_accessible(page)
    assert page.get_by_role("link", name="Studio à deux pas de l’hôpital").is_visible()
    assert page.get_by_text(re.compile(r"\d+,\d km à vol d’oiseau")).first.is_visible()


def test_an_intern_finds_a_site_near_vaison_with_housing_within_10_km(page, territory):
    generate_demo_sites()
    HousingFactory(title="Gîte au pied du Ventoux", housing_type="gite", commune=commune("84137"))
    HousingFactory(title="Studio près des remparts", commune=commune("84007"))

    page.goto("/internes/")
    search = page.locator("#contenu form.filters")
    search.get_by_label("Autour de la commune").select_option(label="Vaison-la-Romaine")
    search.get_by_label("Rayon (km)").fill("15")
    search.get_by_label("Avec un logement publié à moins de (km)").fill("10")
    search.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/internes/terrains-de-stage/\?.*logements_km=10"))
    assert_accessible(page)
    hospital = (
        page.locator(".site-card")
        .filter(has_text=re.compile("vaison.la.romaine", re.IGNORECASE))
        .first
    )
    assert re.search(r"\d+,\d km à vol d’oiseau", hospital.inner_text())
    assert "Avignon" not in page.locator("#resultats ~ ul.cards").inner_text()

    hospital.get_by_role("link", name=re.compile(r"^1 logement publié à moins de 10 km")).click()
    page.wait_for_url(re.compile(r"/s-installer/logements/\?terrain=\d+&km=10"))
    assert_accessible(page)
    assert page.get_by_role("link", name="Gîte au pied du Ventoux").is_visible()
    assert not page.get_by_role("link", name="Studio près des remparts").count()
    card = page.locator(".housing-card").filter(has_text="Gîte au pied du Ventoux")
    assert re.search(r"\d+,\d km à vol d’oiseau", card.inner_text())

    page.go_back()
    page.locator(".site-card").filter(
        has_text=re.compile("vaison.la.romaine", re.IGNORECASE)
    ).first.locator("h3 a").click()
    page.get_by_role("heading", name="Logements à moins de 10 km").wait_for()
    assert_accessible(page)
    housing = page.locator("section[aria-labelledby=logements-titre]")
    assert "Gîte au pied du Ventoux" in housing.inner_text()
    assert "Studio près des remparts" not in housing.inner_text()
    assert re.search(r"\d+,\d km à vol d’oiseau", housing.inner_text())


def test_a_landlord_posts_housing_with_a_photo_and_the_project_lead_approves_it(
    page, browser, live_server, territory, tmp_path
):
    landlord = UserFactory(email="lucie.fabre@exemple.test")
    EmailAddress.objects.create(user=landlord, email=landlord.email, verified=True, primary=True)
    organisation = OrganisationFactory(name="Lucie Fabre", kind="proprietaire")
    Membership.objects.create(user=landlord, organisation=organisation, confirmed_at=timezone.now())
    lead = UserFactory(email="cheffe@exemple.test", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    TOTP.activate(lead, TOTP_SECRET)
    LandlordConfirmation.objects.create(organisation=organisation, confirmed_by=lead)
    photo = tmp_path / "sejour.jpg"
    photo.write_bytes(image_bytes())

    page.goto("/espace-partenaire/")
    page.wait_for_url(re.compile(r"/compte/login/"))
    sign_in(page, landlord.email)
    page.wait_for_url(re.compile(r"/espace-partenaire/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Proposer un logement").click()
    page.get_by_label("Titre").fill("Studio meublé près des remparts")
    page.get_by_label("Description").fill("Studio calme de 24 m², idéal pour un semestre.")
    page.get_by_label("Type de logement").select_option("studio")
    page.get_by_label("Meublé").check()
    page.get_by_label("Loyer mensuel hors charges (€)").fill("430")
    page.get_by_label("Charges mensuelles (€)").fill("40")
    page.get_by_label("Disponible à partir du").fill(timezone.localdate().isoformat())
    page.get_by_label("Internes").check()
    page.get_by_label("Commune").select_option(label="Avignon")
    page.get_by_label("Nom du contact").fill("Lucie Fabre")
    page.get_by_label("E-mail du contact").fill("lucie.fabre@exemple.test")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon enregistré").wait_for()

    page.get_by_role("link", name=re.compile("^Photos")).click()
    assert_accessible(page)
    page.locator("#id_image").set_input_files(str(photo))
    page.get_by_label("Description de la photo").fill("Le séjour, avec une fenêtre sur cour")
    page.get_by_role("button", name="Ajouter la photo").click()
    page.get_by_text("Photo ajoutée").wait_for()
    assert page.get_by_role("img", name="Le séjour, avec une fenêtre sur cour").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Revenir à l’annonce pour la soumettre").click()
    page.get_by_role("button", name="Soumettre à la cheffe de projet").click()
    page.get_by_text("Logement soumis").wait_for()
    assert Housing.objects.get().status == "submitted"

    lead_context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    lead_page = lead_context.new_page()
    lead_page.goto("/admin/housing/housing/?status__exact=submitted")
    sign_in_as_project_lead(lead_page, lead)
    lead_page.wait_for_url(re.compile(r"/admin/housing/housing/"))
    lead_page.locator("input[name=_selected_action]").first.check()
    lead_page.locator("select[name=action]").select_option("publish")
    lead_page.locator("button[name=index]").click()
    # The review page shows the version about to go public; publishing confirms it.
    lead_page.get_by_role("button", name="Publier").click()
    lead_page.get_by_text("1 élément(s) publié(s).").wait_for()
    lead_context.close()

    page.goto("/s-installer/logements/?near=avignon&km=10")
    assert_accessible(page)
    assert page.get_by_role("link", name="Studio meublé près des remparts").is_visible()
    assert page.get_by_role("img", name="Le séjour, avec une fenêtre sur cour").is_visible()
