"""The remplaçants' parts of the shared services: demo, personal data, the project lead."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from replacements.demo import generate_demo_profiles
from replacements.models import Availability, OfferMatch, ReplacementContact, ReplacementProfile
from tests.replacements.conftest import AvailabilityFactory

pytestmark = pytest.mark.usefixtures("territory")


def test_demo_profiles_are_labelled_and_made_once():
    assert generate_demo_profiles() == 12
    assert generate_demo_profiles() == 0
    profiles = ReplacementProfile.objects.select_related("user")
    assert all(p.is_demo and p.user.email.endswith("@demo.test") for p in profiles)
    assert all("Démo" in p.user.last_name for p in profiles)
    assert ReplacementProfile.objects.listed().count() == 12


def test_no_demo_accounts_no_demo_profiles(settings):
    with override_settings(PORTAL={**settings.PORTAL, "DEMO_ACCOUNTS": False}):
        assert generate_demo_profiles() == 0
    assert not ReplacementProfile.objects.exists()


def test_personal_data_exports_and_deletes_the_profile_and_its_availability(territory):
    from tests.replacements.conftest import client_for

    period = AvailabilityFactory(weekdays=[1])
    user = period.profile.user
    ReplacementContact.objects.create(profile=period.profile, message="Bonjour")
    OfferMatch.objects.create(profile=period.profile, offer_pk=42, full=True)
    data = json.loads(client_for(user).get(reverse("accounts:download_my_data")).content)
    section = data["remplacements"]
    assert section[0]["profil"]["rpps"] == period.profile.rpps
    assert section[0]["disponibilites"][0]["jours"] == ["mardi"]
    assert section[0]["offres_proposees"][0]["offre"] == 42
    from replacements.personal_data import delete

    delete(user)
    assert not ReplacementProfile.objects.exists() and not Availability.objects.exists()
    assert not OfferMatch.objects.exists()


def test_the_project_lead_marks_a_profile_verified(project_lead):
    profile = AvailabilityFactory().profile
    url = reverse("admin:replacements_replacementprofile_changelist")
    response = project_lead.post(url, {"action": "mark_verified", "_selected_action": [profile.pk]})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.verified and profile.verified_at is not None
    page = project_lead.get(
        reverse("admin:replacements_replacementprofile_change", args=[profile.pk])
    )
    assert page.status_code == 200


def test_a_professional_has_no_admin_access(professional):
    response = professional.get(reverse("admin:replacements_replacementprofile_changelist"))
    assert response.status_code == 302


def test_the_project_lead_s_dashboard_lists_the_profiles_to_verify(project_lead):
    AvailabilityFactory()
    AvailabilityFactory(profile__verified=True)
    AvailabilityFactory(profile__is_demo=True)
    body = project_lead.get(reverse("admin:index")).content.decode().replace("&amp;", "&")
    label = "Profils de remplaçants à vérifier (numéro RPPS dans l’annuaire santé)"
    assert label in body
    url = (
        reverse("admin:replacements_replacementprofile_changelist")
        + "?verified__exact=0&consent_to_list__exact=1&is_demo__exact=0"
    )
    assert f'href="{url}"' in body
    changelist = project_lead.get(url)
    assert changelist.status_code == 200
    assert len(changelist.context["cl"].result_list) == 1
