"""A housing's page, and the message relayed to the person who offers it."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from housing import personal_data
from housing.demo import generate_demo_housing
from housing.models import Housing, HousingContact
from outbox.models import OutgoingEmail
from tests.factories import commune
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Inès Benali",
    "email": "ines.benali@exemple.test",
    "status": "interne",
    "arrival": "2027-05-01",
    "departure": "2027-10-31",
    "message": "Bonjour, je commence mon semestre au CH en mai : le studio est-il libre ?",
    "consent": "on",
}


def post_contact(client, housing, remote_addr="192.0.2.1", **changes):
    return client.post(
        reverse("housing:contact", args=[housing.pk]), {**FORM, **changes}, REMOTE_ADDR=remote_addr
    )


def test_detail_page_counts_a_view_and_never_shows_the_contact_address(visitor):
    housing = HousingFactory(address="12 rue Secrète", place_precision="commune")
    with assert_max_queries(12):
        response = visitor.get(housing.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert housing.contact_email not in html and "12 rue Secrète" not in html
    assert "490 € par mois" in html
    housing.refresh_from_db()
    assert housing.views_count == 1


def test_a_wrong_slug_redirects_and_a_draft_is_a_404(visitor):
    housing = HousingFactory()
    response = visitor.get(reverse("housing:detail", args=[housing.pk, "ancien-titre"]))
    assert response.status_code == 301
    housing.status = "draft"
    housing.save()
    assert visitor.get(housing.get_absolute_url()).status_code == 404


def test_a_landlords_name_is_never_shown(visitor, landlord_a):
    housing = HousingFactory(organisation=landlord_a.organisation)
    html = visitor.get(housing.get_absolute_url()).content.decode()
    assert landlord_a.organisation.name not in html
    assert "propriétaire particulier vérifié" in html


def test_the_message_is_saved_counted_then_emailed_through_the_outbox(visitor):
    housing = HousingFactory()
    response = post_contact(visitor, housing)
    assert response.status_code == 302
    contact = HousingContact.objects.get()
    assert (contact.housing, contact.status) == (housing, "interne")
    assert contact.consent_version == HousingContact.CONSENT_VERSION
    housing.refresh_from_db()
    assert housing.contacts_count == 1
    to_poster, receipt = OutgoingEmail.objects.order_by("pk")
    assert to_poster.to == [housing.contact_email]
    assert to_poster.cc == [settings.PORTAL["PROJECT_LEAD_EMAIL"]]
    assert to_poster.reply_to == [FORM["email"]]
    assert receipt.to == [FORM["email"]] and housing.contact_email not in receipt.body


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"consent": ""}, "Votre accord est nécessaire"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"departure": "2027-04-01"}, "Le départ précède l’arrivée"),
    ],
)
def test_a_bad_message_is_refused_and_nothing_sent(visitor, changes, error):
    housing = HousingFactory()
    response = post_contact(visitor, housing, **changes)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not HousingContact.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_form_is_rate_limited_per_address(visitor):
    housing = HousingFactory()
    statuses = [
        post_contact(visitor, housing, remote_addr=f"203.0.113.{n}").status_code for n in range(8)
    ]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert HousingContact.objects.count() == 5


def test_personal_data_export_delete_and_purge(professional, professional_user):
    housing = HousingFactory()
    post_contact(professional, housing, email=professional_user.email)
    data = professional.get(reverse("accounts:download_my_data")).json()
    assert data["demandes_logement"][0]["logement"] == housing.title
    personal_data.delete(professional_user)
    assert HousingContact.objects.get().name == personal_data.ANONYMISED
    old = HousingContact.objects.create(
        housing=housing,
        name="Ancien",
        email="ancien@exemple.test",
        status="interne",
        message="Vieux message",
        consent_given_at=timezone.now(),
        consent_version="2026-11",
    )
    HousingContact.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=personal_data.RETENTION_DAYS + 1)
    )
    assert personal_data.purge() == 1
    old.refresh_from_db()
    assert old.message == personal_data.ANONYMISED


def test_demo_housing_is_labelled_and_spread_across_the_territory(visitor):
    assert generate_demo_housing() == 60
    assert generate_demo_housing() == 0
    demo = Housing.objects.filter(is_demo=True)
    assert demo.count() == 60 and demo.values("commune").distinct().count() >= 20
    assert all("fictif" in text for text in demo.values_list("description", flat=True))
    html = visitor.get(reverse("housing:list")).content.decode()
    assert "démo" in html


def test_the_page_shows_the_internship_sites_within_10_km_with_distances(visitor):
    from interns.demo import generate_demo_sites

    generate_demo_sites()
    housing = HousingFactory(commune=commune("84137"))  # Vaison-la-Romaine
    with assert_max_queries(12):
        response = visitor.get(housing.get_absolute_url())
    html = response.content.decode()
    assert "Terrains de stage à moins de 10 km" in html
    assert re.search(r"centre hospitalier de vaison.la.romaine", html, re.IGNORECASE)
    assert not re.search(r"centre hospitalier d.avignon", html, re.IGNORECASE)
    sites = response.context["sites"]["items"]
    assert sites and all(site.distance.km <= 10 for site in sites)
    assert "km à vol d’oiseau" in html


def test_no_site_nearby_no_section(visitor):
    html = visitor.get(HousingFactory().get_absolute_url()).content.decode()
    assert "Terrains de stage à moins de" not in html
