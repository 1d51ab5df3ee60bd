"""The e-mails a housing offer sends, always through the outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import project_lead_emails
from outbox.services import queue_email
from vsa_portal.publication import PublicationStatus


def prefix():
    return f"[{settings.PORTAL['SHORT_NAME']}]"


def notify_housing_contact(contact, request):
    """E-mail the poster, with a copy to the project lead, and a receipt to the sender."""
    housing = contact.housing
    context = {
        "contact": contact,
        "housing": housing,
        "housing_url": request.build_absolute_uri(housing.get_absolute_url()),
        "portal": settings.PORTAL,
    }
    queue_email(
        to=[housing.contact_email],
        cc=project_lead_emails(),
        reply_to=[contact.email],
        subject=f"{prefix()} Une demande pour votre logement : {housing.title}",
        body=render_to_string("housing/emails/contact.txt", context),
    )
    queue_email(
        to=[contact.email],
        subject=f"{prefix()} Votre message a bien été transmis",
        body=render_to_string("housing/emails/contact_receipt.txt", context),
    )


def notify_housing_submitted(housing, request):
    """Tell the project lead that a housing offer waits for moderation."""
    admin_url = request.build_absolute_uri(
        reverse("admin:housing_housing_change", args=[housing.pk])
    )
    queue_email(
        to=project_lead_emails(),
        subject=f"{prefix()} Logement à relire : {housing.title}",
        body=render_to_string(
            "housing/emails/submitted.txt",
            {"housing": housing, "admin_url": admin_url, "portal": settings.PORTAL},
        ),
    )


def notify_housing_decision(housing):
    """Tell the organisation's members whether their housing was published or refused."""
    from organisations.models import Membership

    recipients = list(
        Membership.objects.confirmed()
        .filter(organisation=housing.organisation_id)
        .values_list("user__email", flat=True)
    ) or [housing.contact_email]
    published = housing.status == PublicationStatus.PUBLISHED
    verdict = "Votre logement est publié" if published else "Votre logement n’a pas été publié"
    queue_email(
        to=recipients,
        subject=f"{prefix()} {verdict} : {housing.title}",
        body=render_to_string(
            "housing/emails/decision.txt", {"housing": housing, "portal": settings.PORTAL}
        ),
    )
