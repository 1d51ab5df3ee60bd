from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from organisations.models import Invitation, Membership
from outbox.services import queue_email


def confirm(invitation):
    """The project lead's confirmation: attach an existing account at once, else invite."""
    from accounts.models import User

    with transaction.atomic():
        invitation.confirmed_at = timezone.now()
        invitation.save(update_fields=["confirmed_at"])
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is not None:
            accept(invitation, user)
        base = settings.PORTAL_BASE_URL.rstrip("/")
        queue_email(
            to=[invitation.email],
            subject=f"[{settings.PORTAL['SHORT_NAME']}] Invitation à rejoindre {invitation.organisation.name}",
            body=render_to_string(
                "organisations/emails/invitation.txt",
                {
                    "invitation": invitation,
                    "has_account": user is not None,
                    "signup_url": base + reverse("account_signup"),
                    "space_url": base + reverse("partners:home"),
                    "portal": settings.PORTAL,
                },
            ),
            contains_secret=False,
        )


def accept(invitation, user):
    Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"confirmed_at": timezone.now(), "invited_by": invitation.invited_by},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])


def accept_pending_for(user):
    """On sign-up: every confirmed invitation for this address becomes a membership."""
    for invitation in Invitation.objects.filter(
        email__iexact=user.email, confirmed_at__isnull=False, accepted_at__isnull=True
    ):
        accept(invitation, user)
