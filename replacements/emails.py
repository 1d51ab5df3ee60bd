"""The e-mails of the remplaçants' rubric, always through the outbox."""

from django.conf import settings
from django.template.loader import render_to_string

from outbox.services import queue_email


def prefix():
    return f"[{settings.PORTAL['SHORT_NAME']}]"


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
