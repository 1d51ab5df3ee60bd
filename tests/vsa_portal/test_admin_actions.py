"""Admin list actions need the right permission, and publishing publishes what was reviewed."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import Registration
from organisations.models import Invitation, Membership
from tests.conftest import staff_with_totp
from tests.factories import EventFactory, OfferFactory, OrganisationFactory, UserFactory
from tests.helpers.admin import publish_from_admin

pytestmark = pytest.mark.django_db

VIEW_PERMISSIONS = [
    "view_offer",
    "view_event",
    "view_registration",
    "view_membership",
    "view_invitation",
]


@pytest.fixture
def viewer():
    """Staff who may look at everything the project lead curates, and change nothing."""
    user = staff_with_totp()
    user.user_permissions.set(Permission.objects.filter(codename__in=VIEW_PERMISSIONS))
    client = Client()
    client.force_login(user)
    return client


def run_action(client, url_name, action, pk, **extra):
    return client.post(
        reverse(url_name),
        {"action": action, "_selected_action": [pk], "confirm_publish": "1", **extra},
    )


def test_view_only_staff_can_look_at_the_lists(viewer):
    for url_name in ["admin:offers_offer_changelist", "admin:agenda_event_changelist"]:
        assert viewer.get(reverse(url_name)).status_code == 200


def test_view_only_staff_cannot_publish_reject_archive_or_fill_offers(viewer):
    offer = OfferFactory(status="submitted", published_at=None)
    version = {f"version-{offer.pk}": offer.updated_at.isoformat()}
    run_action(viewer, "admin:offers_offer_changelist", "publish", offer.pk, **version)
    run_action(viewer, "admin:offers_offer_changelist", "reject", offer.pk, reason="Non.")
    run_action(viewer, "admin:offers_offer_changelist", "archive", offer.pk)
    run_action(viewer, "admin:offers_offer_changelist", "mark_filled", offer.pk)
    offer.refresh_from_db()
    assert offer.status == "submitted" and offer.filled_on is None


def test_view_only_staff_cannot_publish_events_or_export_registrations(viewer):
    event = EventFactory(status="submitted", published_at=None)
    Registration.objects.create(
        event=event,
        name="Dr Bea",
        email="bea@exemple.test",
        profile="interne",
        status="confirmed",
        consent_given_at=timezone.now(),
    )
    version = {f"version-{event.pk}": event.updated_at.isoformat()}
    run_action(viewer, "admin:agenda_event_changelist", "publish", event.pk, **version)
    event.refresh_from_db()
    assert event.status == "submitted"
    response = run_action(viewer, "admin:agenda_event_changelist", "export_registrations", event.pk)
    assert "text/csv" not in response.get("Content-Type", "")
    assert b"bea@exemple.test" not in response.content


def test_view_only_staff_cannot_confirm_members_or_invitations(viewer):
    organisation = OrganisationFactory()
    membership = Membership.objects.create(user=UserFactory(), organisation=organisation)
    invitation = Invitation.objects.create(email="new@exemple.test", organisation=organisation)
    run_action(viewer, "admin:organisations_membership_changelist", "confirm", membership.pk)
    run_action(viewer, "admin:organisations_invitation_changelist", "confirm", invitation.pk)
    membership.refresh_from_db()
    invitation.refresh_from_db()
    assert membership.confirmed_at is None and invitation.confirmed_at is None


def test_the_project_lead_runs_the_same_actions(project_lead):
    organisation = OrganisationFactory()
    membership = Membership.objects.create(user=UserFactory(), organisation=organisation)
    run_action(project_lead, "admin:organisations_membership_changelist", "confirm", membership.pk)
    membership.refresh_from_db()
    assert membership.confirmed_at is not None


def test_an_offer_edited_after_the_review_is_not_published(project_lead, partner_a):
    offer = OfferFactory(
        organisation=partner_a.organisation, status="submitted", published_at=None, title="Relue"
    )
    url = reverse("admin:offers_offer_changelist")
    review = project_lead.post(url, {"action": "publish", "_selected_action": [offer.pk]})
    assert "Relue" in review.content.decode()
    version = offer.updated_at.isoformat()
    # The partner edits the submitted offer while the project lead reads it.
    offer.title = "Version jamais relue"
    offer.save()
    response = project_lead.post(
        url,
        {
            "action": "publish",
            "_selected_action": [offer.pk],
            "confirm_publish": "Publier",
            f"version-{offer.pk}": version,
        },
        follow=True,
    )
    offer.refresh_from_db()
    assert offer.status == "submitted"
    assert "Modifié(s) depuis votre relecture" in response.content.decode()


def test_the_reviewed_version_is_published(project_lead):
    offer = OfferFactory(status="submitted", published_at=None)
    publish_from_admin(project_lead, reverse("admin:offers_offer_changelist"), [offer.pk])
    offer.refresh_from_db()
    assert offer.status == "published"


def test_the_moderation_snapshot_includes_the_organisation(partner_a, partner_b):
    offer = OfferFactory(organisation=partner_a.organisation, status="submitted")
    offer.publish()
    offer.save()
    offer.organisation = partner_b.organisation
    labels = [str(label) for label, _before, _after in offer.changes_since_publication()]
    assert labels == ["organisation"]
