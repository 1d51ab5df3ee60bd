"""A message received elsewhere (here the contact page's) becomes a dossier through the admin
action a rubric adds to its own admin; a second one from the same address joins it."""

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from collective.models import ContactMessage
from support.actions import convert_to_dossier
from support.enums import Channel, DossierStatus
from support.models import Dossier, Note
from tests.factories import UserFactory


def contact(**fields):
    return ContactMessage.objects.create(
        **{
            "name": "Lou Petit",
            "email": "lou.petit@exemple.test",
            "subject": "installation",
            "message": "Je voudrais m’installer à Apt.",
            "consent_given_at": timezone.now(),
            "consent_version": "2026-12",
            **fields,
        }
    )


ACTION = convert_to_dossier(
    lambda m: {
        "last_name": m.name,
        "email": m.email,
        "message": m.message,
        "consent_given_at": m.consent_given_at,
        "consent_version": m.consent_version,
    },
    channel=Channel.CONTACT_PAGE,
    origin="contact",
    mark_done=lambda m: ContactMessage.objects.filter(pk=m.pk).update(handled=True),
)


def run(user, queryset):
    request = RequestFactory().post("/admin/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    ACTION(admin.ModelAdmin(ContactMessage, admin.site), request, queryset)
    return [str(message) for message in request._messages]


def test_the_project_lead_converts_contact_messages(project_lead_user):
    contact()
    contact(message="Plutôt Pertuis, finalement.")
    contact(email="autre@exemple.test", name="Noa Martin")
    report = run(project_lead_user, ContactMessage.objects.order_by("pk"))
    assert report == ["2 dossiers ouverts ; 1 message ajouté à un dossier en cours."]
    dossier = Dossier.objects.get(email="lou.petit@exemple.test")
    assert dossier.channel == Channel.CONTACT_PAGE and dossier.origin == "contact"
    assert dossier.status == DossierStatus.RECEIVED and dossier.consent_version == "2026-12"
    assert "Pertuis" in Note.objects.get(dossier=dossier).body
    assert set(ContactMessage.objects.values_list("handled", flat=True)) == {True}


def test_without_the_right_to_open_dossiers_nothing_happens(db):
    contact()
    with pytest.raises(PermissionDenied):
        run(UserFactory(is_staff=True), ContactMessage.objects.all())
    assert not Dossier.objects.exists()


def test_the_contact_pages_admin_offers_the_conversion(project_lead, db):
    from django.urls import reverse

    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    message = contact()
    url = reverse("admin:collective_contactmessage_changelist")
    assert "Ouvrir un dossier d’accompagnement" in project_lead.get(url).content.decode()
    response = project_lead.post(
        url,
        {"action": "convert_to_dossier_contact", "_selected_action": [message.pk]},
        follow=True,
    )
    assert "1 dossier ouvert." in response.content.decode()
    dossier = Dossier.objects.get(email="lou.petit@exemple.test")
    assert dossier.channel == Channel.CONTACT_PAGE
    message.refresh_from_db()
    assert message.handled
