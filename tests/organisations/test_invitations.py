import pytest
from django.urls import reverse

from organisations.models import Invitation, Membership
from outbox.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_member_invites_and_project_lead_confirms_an_existing_account(partner_a, project_lead):
    colleague = UserFactory(email="collegue@cpts.test")
    partner_a.post(
        reverse("partners:invite"),
        {"email": "Collegue@cpts.test", "organisation": partner_a.organisation.pk},
    )
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by, invitation.confirmed_at) == (
        "collegue@cpts.test",
        partner_a.user,
        None,
    )
    assert not Membership.objects.filter(
        user=colleague
    ).exists()  # nothing before the project lead confirms
    assert "Invitation à confirmer" in OutgoingEmail.objects.get().subject

    project_lead.post(
        reverse("admin:organisations_invitation_changelist"),
        {"action": "confirm", "_selected_action": [invitation.pk]},
    )
    membership = Membership.objects.get(user=colleague)
    assert membership.organisation == partner_a.organisation and membership.confirmed_at
    assert OutgoingEmail.objects.filter(to=["collegue@cpts.test"]).exists()


def test_a_confirmed_invitation_attaches_the_account_created_later(
    visitor, partner_a, project_lead
):
    partner_a.post(
        reverse("partners:invite"),
        {"email": "future@cpts.test", "organisation": partner_a.organisation.pk},
    )
    invitation = Invitation.objects.get()
    project_lead.post(
        reverse("admin:organisations_invitation_changelist"),
        {"action": "confirm", "_selected_action": [invitation.pk]},
    )
    visitor.post(
        reverse("account_signup"),
        {
            "email": "future@cpts.test",
            "password1": "Une-phrase-solide-84",
            "password2": "Une-phrase-solide-84",
            "consent": "on",
        },
    )
    assert (
        Membership.objects.confirmed()
        .filter(user__email="future@cpts.test", organisation=partner_a.organisation)
        .exists()
    )


def test_a_member_cannot_invite_into_another_organisation(partner_a, partner_b):
    partner_a.post(
        reverse("partners:invite"),
        {"email": "x@cpts.test", "organisation": partner_b.organisation.pk},
    )
    assert not Invitation.objects.exists()


def test_professionals_cannot_invite(professional):
    assert (
        professional.post(reverse("partners:invite"), {"email": "x@cpts.test"}).status_code == 403
    )
