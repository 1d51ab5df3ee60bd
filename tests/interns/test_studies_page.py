"""Études de médecine: the page for lycéens, their events, the school visit request."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from interns import personal_data
from interns.models import SchoolVisitRequest
from outbox.models import OutgoingEmail
from tests.factories import EventFactory, commune

pytestmark = pytest.mark.django_db

URL = reverse("interns:studies")


def form(**changes):
    data = {
        "school": "Lycée Théodore-Aubanel",
        "commune": commune("84007").pk,
        "contact_name": "Claire Morel",
        "contact_role": "Professeure principale",
        "email": "claire.morel@exemple.test",
        "level": "premiere",
        "pupils": "60",
        "speaker": "interne",
        "period": "mars, un jeudi après-midi",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_the_page_shows_events_for_lyceens_only(visitor):
    EventFactory(title="Forum des métiers de la santé", audiences=["lyceens"])
    EventFactory(title="Soirée des internes", audiences=["internes"])
    html = visitor.get(URL).content.decode()
    assert "Forum des métiers de la santé" in html
    assert "Soirée des internes" not in html
    assert "audience=lyceens" in html
    assert "PASS" in html and "LAS" in html


def test_a_request_is_saved_then_emailed_to_the_project_lead(visitor):
    response = visitor.post(URL, form())
    assert response.status_code == 302
    visit = SchoolVisitRequest.objects.get()
    assert (visit.status, visit.consent_version) == ("nouvelle", SchoolVisitRequest.CONSENT_VERSION)
    assert visit.consent_given_at is not None
    (email,) = OutgoingEmail.objects.all()
    assert email.to == [settings.PORTAL["PROJECT_LEAD_EMAIL"]]
    assert email.reply_to == ["claire.morel@exemple.test"]
    assert "Lycée Théodore-Aubanel" in email.body
    assert "votre demande est enregistrée" in visitor.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Votre accord est nécessaire"),
        ({"email": "non"}, "Saisissez une adresse de courriel valide"),
        ({"pupils": "-3"}, "supérieure ou égale à 0"),
        ({"commune": ""}, "Ce champ est obligatoire"),
    ],
)
def test_bad_requests_are_refused_with_the_form_kept(visitor, changes, message):
    response = visitor.post(URL, form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Lycée Théodore-Aubanel" in html
    assert not SchoolVisitRequest.objects.exists() and not OutgoingEmail.objects.exists()


def test_requests_are_rate_limited(visitor):
    statuses = [visitor.post(URL, form(), REMOTE_ADDR="198.51.100.7").status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert SchoolVisitRequest.objects.count() == 3


def test_the_project_lead_follows_requests_in_the_admin(visitor, project_lead):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    visitor.post(URL, form())
    response = project_lead.get(reverse("admin:interns_schoolvisitrequest_changelist"))
    assert response.status_code == 200
    assert "Lycée Théodore-Aubanel" in response.content.decode()


def test_retention_and_personal_data(visitor, professional, professional_user):
    visitor.post(URL, form(email=professional_user.email))
    data = professional.get(reverse("accounts:download_my_data")).json()
    assert data["demandes_intervention_lycee"][0]["etablissement"] == "Lycée Théodore-Aubanel"
    SchoolVisitRequest.objects.update(
        created_at=timezone.now() - timedelta(days=personal_data.RETENTION_DAYS + 1)
    )
    assert personal_data.purge() == 1
    assert SchoolVisitRequest.objects.get().contact_name == personal_data.ANONYMISED
