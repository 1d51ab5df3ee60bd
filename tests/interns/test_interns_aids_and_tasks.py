"""The aids for interns from the aids catalogue (through the registry) on a site's page and the
practical page; what the interns and housing rubrics add to the project lead's dashboard."""

import html as html_module
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from housing.models import LandlordConfirmation
from interns.models import SchoolVisitRequest
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory
from tests.interns.test_interns_pages import site

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(territory):
    from aids.catalogue import load_catalogue

    load_catalogue()


def test_a_sites_page_lists_the_open_aids_for_interns_within_budget(visitor, catalogue):
    found = site()
    with assert_max_queries(14):
        response = visitor.get(found.get_absolute_url())
    html = response.content.decode()
    assert "Indemnité d’hébergement des internes" in html
    assert "Contrat d’engagement de service public" in html
    assert "Aide à la première installation" not in html  # for physicians settling
    assert "CAIM" not in html  # closed to new applicants
    assert "/s-installer/aides/?public=interne&amp;commune=avignon" in html
    assert "condition territoriale" in html  # the catalogue's own summary of the commune


def test_the_practical_page_lists_them_too(visitor, catalogue):
    html = visitor.get(reverse("interns:practical")).content.decode()
    assert "Indemnité de transport des internes" in html
    assert "/s-installer/aides/?public=interne" in html


def test_without_the_catalogue_loaded_the_pages_say_so(visitor):
    assert (
        "aucune aide ouverte aux internes"
        in visitor.get(reverse("interns:practical")).content.decode()
    )
    assert visitor.get(site().get_absolute_url()).status_code == 200


def visit(**fields):
    return SchoolVisitRequest.objects.create(
        school="Lycée Stéphane-Hessel",
        contact_name="Mme Claire Roux",
        contact_role="Professeure principale",
        email="claire.roux@exemple.test",
        level="terminale",
        pupils=30,
        period="mars",
        consent_given_at=timezone.now(),
        consent_version="2026-11",
        **fields,
    )


def test_the_dashboard_counts_new_school_visits_and_landlords_to_confirm(
    project_lead, landlord_a, landlord_b, partner_a
):
    from accounts.roles import ensure_project_lead_group
    from tests.collective.test_dashboard import row

    ensure_project_lead_group()
    visit()
    visit(status="en_cours")
    HousingFactory.create_batch(2, organisation=landlord_a.organisation, status="draft")
    HousingFactory(organisation=landlord_b.organisation, status="submitted")
    HousingFactory(organisation=partner_a.organisation, status="submitted")  # not a landlord
    LandlordConfirmation.objects.create(organisation=landlord_b.organisation)
    body = project_lead.get(reverse("admin:index")).content.decode()
    assert row(body, "Demandes d’intervention en lycée à traiter") == "1"
    assert row(body, "Propriétaires particuliers à confirmer avant leur première annonce") == "1"
    for url in (
        reverse("admin:interns_schoolvisitrequest_changelist") + "?status__exact=nouvelle",
        reverse("admin:housing_housing_changelist") + "?proprietaire=a_confirmer",
    ):
        assert f'href="{url}"' in body
        assert project_lead.get(url).status_code == 200


def test_landlords_and_partners_never_reach_the_dashboard(landlord_a, partner_a, visitor):
    for client in (landlord_a, partner_a, visitor):
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302  # to the admin's login


def test_the_landing_and_practical_pages_keep_their_budget(visitor, catalogue):
    from interns.demo import generate_demo_sites

    generate_demo_sites()
    for url in (reverse("interns:landing"), reverse("interns:practical")):
        with assert_max_queries(12):
            assert visitor.get(url).status_code == 200


def test_the_landing_links_the_sites_with_housing_nearby(visitor):
    html = visitor.get(reverse("interns:landing")).content.decode()
    assert "/internes/terrains-de-stage/?logements_km=10" in html


def test_housing_cards_say_which_semester_they_fit(visitor):
    HousingFactory(title="Studio d’hiver", fits_winter_semester=True)
    html = visitor.get(reverse("housing:list")).content.decode()
    assert "pour un semestre d’hiver" in html


def test_a_sites_support_button_opens_the_request_about_that_site(visitor):
    found = site(name="Urgences du CH d’Avignon")
    page = visitor.get(found.get_absolute_url()).content.decode()
    (link,) = re.findall(r'href="(/accompagnement/demande/\?[^"]+)"', page)
    link = html_module.unescape(link)
    for param in ("origine=terrains-de-stage", f"objet={found.pk}", "situation=interne"):
        assert param in link
    form = visitor.get(link)
    assert form.status_code == 200
    assert "Urgences du CH d’Avignon" in form.content.decode()
