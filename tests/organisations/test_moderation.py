import pytest
from django.urls import reverse

from outbox.models import OutgoingEmail
from tests.factories import OfferFactory
from tests.helpers.admin import publish_from_admin

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:offers_offer_changelist")


def test_project_lead_filters_the_moderation_queue(project_lead, partner_a):
    OfferFactory(title="À relire", organisation=partner_a.organisation, status="submitted")
    OfferFactory(title="Déjà publiée", organisation=partner_a.organisation)
    response = project_lead.get(CHANGELIST, {"status__exact": "submitted"})
    assert [offer.title for offer in response.context["cl"].result_list] == ["À relire"]


def test_project_lead_rejects_with_a_reason_and_the_partner_is_told(project_lead, partner_a):
    offer = OfferFactory(title="À relire", organisation=partner_a.organisation, status="submitted")
    confirm = project_lead.post(CHANGELIST, {"action": "reject", "_selected_action": [offer.pk]})
    assert confirm.status_code == 200
    assert "Motif du refus" in confirm.content.decode()
    offer.refresh_from_db()
    assert offer.status == "submitted"  # nothing happens before the reason is given

    project_lead.post(
        CHANGELIST,
        {
            "action": "reject",
            "_selected_action": [offer.pk],
            "reason": "Précisez les dates du remplacement.",
        },
    )
    offer.refresh_from_db()
    assert (offer.status, offer.rejection_reason) == (
        "rejected",
        "Précisez les dates du remplacement.",
    )
    (email,) = OutgoingEmail.objects.all()
    assert email.to == [partner_a.user.email]
    assert "Précisez les dates du remplacement." in email.body
    assert "Précisez les dates" in partner_a.get(reverse("partners:home")).content.decode()


def test_project_lead_approves_and_the_offer_goes_public(project_lead, partner_a, visitor):
    offer = OfferFactory(
        title="À relire", organisation=partner_a.organisation, status="submitted", published_at=None
    )
    publish_from_admin(project_lead, CHANGELIST, [offer.pk])
    offer.refresh_from_db()
    assert offer.status == "published" and offer.published_at
    (email,) = OutgoingEmail.objects.all()
    assert "Votre offre est publiée" in email.subject
    assert "À relire" in visitor.get(reverse("offers:list")).content.decode()


def test_partners_cannot_moderate(partner_a):
    offer = OfferFactory(organisation=partner_a.organisation, status="submitted")
    response = partner_a.post(CHANGELIST, {"action": "publish", "_selected_action": [offer.pk]})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "submitted"
