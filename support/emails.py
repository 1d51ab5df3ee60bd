"""The support service's e-mails, always through the outbox. They never quote what a stranger
wrote in their first lines."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import project_lead_emails
from outbox.services import queue_email

REFERRAL_SALT = "support.referral"
REFERRAL_LINK_DAYS = 30


def absolute(path):
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def subject(text):
    return f"[{settings.PORTAL['SHORT_NAME']}] {text}"


def context(dossier, **extra):
    return {
        "dossier": dossier,
        "portal": settings.PORTAL,
        "dossier_url": absolute(dossier.get_absolute_url()),
        **extra,
    }


def notify_request_received(dossier, set_password_url=""):
    queue_email(
        to=[dossier.email],
        subject=subject("Votre demande d’accompagnement est bien reçue"),
        body=render_to_string(
            "support/emails/received.txt",
            context(dossier, set_password_url=set_password_url),
        ),
    )
    queue_email(
        to=project_lead_emails(),
        subject=subject(f"Nouvelle demande d’accompagnement {dossier.reference}"),
        body=render_to_string(
            "support/emails/new_request.txt",
            context(dossier, admin_url=admin_url_of(dossier)),
        ),
    )


def notify_status_change(dossier, note=""):
    queue_email(
        to=[dossier.email],
        subject=subject(f"Votre accompagnement : {dossier.get_status_display()}"),
        body=render_to_string("support/emails/status.txt", context(dossier, note=note)),
    )


def staff_of(dossier):
    return [dossier.assignee.email] if dossier.assignee_id else project_lead_emails()


def admin_url_of(dossier):
    return absolute(reverse("admin:support_dossier_change", args=[dossier.pk]))


def notify_new_message(message):
    dossier = message.dossier
    if message.from_staff:
        to = [dossier.email]
        template = "support/emails/message_to_requester.txt"
    else:
        to = staff_of(dossier)
        template = "support/emails/message_to_staff.txt"
    queue_email(
        to=to,
        subject=subject(f"Nouveau message — dossier {dossier.reference}"),
        body=render_to_string(
            template,
            context(dossier, admin_url=admin_url_of(dossier)),
        ),
    )


def referral_token(referral):
    return signing.dumps(referral.pk, salt=REFERRAL_SALT)


def referral_from_token(token):
    """The referral, or raises signing.SignatureExpired / signing.BadSignature."""
    from support.models import Referral

    pk = signing.loads(token, salt=REFERRAL_SALT, max_age=REFERRAL_LINK_DAYS * 86400)
    return Referral.objects.select_related("dossier", "organisation").get(pk=pk)


def send_referral(referral, reminder=False):
    url = absolute(reverse("support:referral_answer", args=[referral_token(referral)]))
    queue_email(
        to=[referral.contact_email],
        subject=subject(
            ("Relance : " if reminder else "") + "une demande d’un professionnel de santé"
        ),
        body=render_to_string(
            "support/emails/referral.txt",
            {
                "referral": referral,
                "url": url,
                "days": REFERRAL_LINK_DAYS,
                "portal": settings.PORTAL,
                "reminder": reminder,
            },
        ),
    )


def notify_referral_answered(referral):
    dossier = referral.dossier
    queue_email(
        to=staff_of(dossier),
        subject=subject(f"Réponse d’un partenaire — dossier {dossier.reference}"),
        body=render_to_string(
            "support/emails/referral_answered.txt",
            {
                "referral": referral,
                "portal": settings.PORTAL,
                "admin_url": admin_url_of(dossier),
            },
        ),
    )


def send_digest(user, due, unanswered):
    queue_email(
        to=[user.email],
        subject=subject("Vos dossiers d’accompagnement du jour"),
        body=render_to_string(
            "support/emails/digest.txt",
            {
                "due": due,
                "unanswered": unanswered,
                "portal": settings.PORTAL,
                "pipeline_url": absolute(reverse("admin:support_pipeline")),
            },
        ),
    )


def notify_new_document(document):
    """The project lead hears of a requester's document (staff uploads need no e-mail: the
    requester sees them in their space with the next message)."""
    dossier = document.dossier
    queue_email(
        to=staff_of(dossier),
        subject=subject(f"Nouveau document — dossier {dossier.reference}"),
        body=render_to_string(
            "support/emails/document_to_staff.txt",
            context(dossier, admin_url=admin_url_of(dossier)),
        ),
    )


def warn_before_anonymisation(dossier, anonymised_on):
    queue_email(
        to=[dossier.email],
        subject=subject(f"Votre dossier {dossier.reference} sera bientôt anonymisé"),
        body=render_to_string(
            "support/emails/retention_warning.txt",
            context(dossier, anonymised_on=anonymised_on),
        ),
    )
