import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from accounts.models import SavedSearch, User
from accounts.personal_data import purge
from offers.models import OfferContact
from outbox.models import OutgoingEmail
from tests.factories import OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


def contact(offer, email, **changes):
    return OfferContact.objects.create(
        offer=offer,
        name="Dr Alex Durand",
        email=email,
        status="remplacant",
        message="Bonjour",
        consent_given_at=timezone.now(),
        consent_version="2026-11",
        **changes,
    )


def test_download_my_data_as_json(professional, professional_user):
    SavedSearch.objects.create(
        user=professional_user, name="Collab", querystring="kind=collaboration"
    )
    contact(OfferFactory(title="Collaboration à Mazan"), professional_user.email)
    response = professional.get(reverse("accounts:download_my_data"))
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-vsa.json"'
    data = json.loads(response.content)
    assert data["compte"]["email"] == professional_user.email
    assert data["alertes"][0]["nom"] == "Collab"
    assert data["prises_de_contact"][0]["offre"] == "Collaboration à Mazan"
    assert data["prises_de_contact"][0]["consentement"]["version"] == "2026-11"


def test_delete_my_account_anonymises_what_the_project_lead_keeps(professional, professional_user):
    kept = contact(OfferFactory(), professional_user.email)
    refused = professional.post(reverse("accounts:delete_account"), {"confirm": "oui"})
    assert refused.status_code == 400
    assert User.objects.filter(pk=professional_user.pk).exists()

    response = professional.post(reverse("accounts:delete_account"), {"confirm": "SUPPRIMER"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=professional_user.pk).exists()
    kept.refresh_from_db()
    assert (kept.name, kept.email, kept.message) == ("[supprimé]", "anonyme@invalid", "[supprimé]")


def test_scheduled_purge_of_unverified_accounts_and_stale_data(settings):
    long_ago = timezone.now() - timedelta(days=400)
    stale = UserFactory(email="jamais-verifie@exemple.test")
    User.objects.filter(pk=stale.pk).update(date_joined=long_ago)
    verified = UserFactory(email="verifie@exemple.test")
    User.objects.filter(pk=verified.pk).update(date_joined=long_ago)
    EmailAddress.objects.create(user=verified, email=verified.email, verified=True, primary=True)
    recent = UserFactory(email="tout-neuf@exemple.test")
    old_contact = contact(OfferFactory(), "x@exemple.test")
    OfferContact.objects.filter(pk=old_contact.pk).update(created_at=long_ago)
    new_contact = contact(OfferFactory(), "y@exemple.test")
    OutgoingEmail.objects.create(to=["x@exemple.test"], subject="vieux", body="b", sent_at=long_ago)
    OutgoingEmail.objects.create(to=["x@exemple.test"], subject="en attente", body="b")

    assert purge() == {
        "accounts": 1,
        "emails": 1,
        "prises_de_contact": 1,
        "inscriptions": {"registrations_anonymised": 0, "unconfirmed_deleted": 0},
        "accompagnement": 0,
        "demandes_logement": 0,
        "demandes_intervention_lycee": 0,
        "remplacements": 0,
    }
    assert set(User.objects.values_list("email", flat=True)) >= {
        "verifie@exemple.test",
        recent.email,
    }
    assert not User.objects.filter(email="jamais-verifie@exemple.test").exists()
    old_contact.refresh_from_db()
    new_contact.refresh_from_db()
    assert old_contact.name == "[supprimé]" and new_contact.name == "Dr Alex Durand"
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["en attente"]
    assert purge() == {
        "accounts": 0,
        "emails": 0,
        "prises_de_contact": 0,
        "inscriptions": {"registrations_anonymised": 0, "unconfirmed_deleted": 0},
        "accompagnement": 0,
        "demandes_logement": 0,
        "demandes_intervention_lycee": 0,
        "remplacements": 0,
    }
