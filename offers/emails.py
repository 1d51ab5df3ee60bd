"""The e-mails an offer sends, always through the outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import project_lead_emails
from outbox.services import queue_email
from vsa_portal.publication import PublicationStatus


def notify_offer_contact(contact, request):
    """E-mail the poster (or, for an anonymous offer, only the project lead) about a contact."""
    offer = contact.offer
    project_lead = project_lead_emails()
    context = {
        "contact": contact,
        "offer": offer,
        "offer_url": request.build_absolute_uri(offer.get_absolute_url()),
        "portal": settings.PORTAL,
    }
    subject = f"[{settings.PORTAL['SHORT_NAME']}] Un professionnel s’intéresse à votre offre : {offer.title}"
    if offer.is_anonymous:
        recipients, copy = project_lead or [offer.contact_email], []
        template = "offers/emails/contact_anonymous.txt"
        subject = f"[{settings.PORTAL['SHORT_NAME']}] À relayer (offre anonyme) : {offer.title}"
    else:
        recipients, copy = [offer.contact_email], project_lead
        template = "offers/emails/contact.txt"
    queue_email(
        to=recipients,
        cc=copy,
        reply_to=[contact.email],
        subject=subject,
        body=render_to_string(template, context),
        contains_secret=False,
    )
    queue_email(
        to=[contact.email],
        subject=f"[{settings.PORTAL['SHORT_NAME']}] Votre message a bien été transmis",
        body=render_to_string("offers/emails/contact_receipt.txt", context),
        contains_secret=False,
    )


def notify_offer_submitted(offer, request):
    """Tell the project lead that an offer waits for moderation."""
    admin_url = request.build_absolute_uri(reverse("admin:offers_offer_change", args=[offer.pk]))
    queue_email(
        to=project_lead_emails(),
        subject=f"[{settings.PORTAL['SHORT_NAME']}] Offre à relire : {offer.title}",
        body=render_to_string(
            "offers/emails/submitted.txt",
            {"offer": offer, "admin_url": admin_url, "portal": settings.PORTAL},
        ),
        contains_secret=False,
    )


def notify_offer_decision(offer, request=None):
    """Tell the organisation's members whether their offer was published or refused."""
    from organisations.models import Membership

    recipients = list(
        Membership.objects.confirmed()
        .filter(organisation=offer.organisation_id)
        .values_list("user__email", flat=True)
    ) or [offer.contact_email]
    queue_email(
        to=recipients,
        subject=f"[{settings.PORTAL['SHORT_NAME']}] "
        + (
            "Votre offre est publiée"
            if offer.status == PublicationStatus.PUBLISHED
            else "Votre offre n’a pas été publiée"
        )
        + f" : {offer.title}",
        body=render_to_string(
            "offers/emails/decision.txt", {"offer": offer, "portal": settings.PORTAL}
        ),
        contains_secret=False,
    )
