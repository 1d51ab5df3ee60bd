"""The e-mails of the remplaçants' rubric, always through the outbox."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outbox.services import queue_email


def prefix():
    return f"[{settings.PORTAL['SHORT_NAME']}]"


def absolute(path):
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def queue_to_remplacant(profile, subject, template, context, **options):
    """An e-mail of the rubric's own (not a reply to a request) to a remplaçant."""
    context = {
        "profile": profile,
        "profile_url": absolute(reverse("replacements:my_profile")),
        "portal": settings.PORTAL,
        **context,
    }
    return queue_email(
        to=[profile.user.email],
        subject=f"{prefix()} {subject}",
        body=render_to_string(template, context),
        **options,
    )


def notify_contact(contact, request):
    """E-mail the remplaçant (reply goes to the sender) and a receipt to the sender."""
    context = {
        "contact": contact,
        "profile": contact.profile,
        "sender": contact.sender,
        "profile_url": request.build_absolute_uri("/exercer/remplacants/mon-profil/"),
        "portal": settings.PORTAL,
    }
    queue_email(
        to=[contact.profile.user.email],
        reply_to=[contact.sender.email],
        subject=f"{prefix()} Une demande de remplacement",
        body=render_to_string("replacements/emails/contact.txt", context),
    )
    queue_email(
        to=[contact.sender.email],
        subject=f"{prefix()} Votre message a bien été transmis au remplaçant",
        body=render_to_string("replacements/emails/contact_receipt.txt", context),
    )


def remind_unconfirmed(now=None):
    """E-mail the owners whose listing is hidden within a week unless they confirm it; once per
    confirmation. Returns the number of e-mails."""
    from replacements.models import ReplacementProfile

    now = now or timezone.now()
    sent = 0
    for profile in ReplacementProfile.objects.to_remind(now).select_related("user"):
        with transaction.atomic():
            queue_to_remplacant(
                profile,
                "Confirmez votre annonce de remplaçant",
                "replacements/emails/confirmation_reminder.txt",
                {},
                contains_secret=False,
            )
            ReplacementProfile.objects.filter(pk=profile.pk).update(confirmation_reminded_at=now)
        sent += 1
    return sent
