from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import project_lead_emails
from outbox.services import queue_email
from vsa_portal.publication import PublicationStatus


def notify_event_submitted(event, request):
    admin_url = request.build_absolute_uri(reverse("admin:agenda_event_change", args=[event.pk]))
    queue_email(
        to=project_lead_emails(),
        subject=f"[{settings.PORTAL['SHORT_NAME']}] Événement à relire : {event.title}",
        body=f"{event.organisation} a soumis l’événement « {event.title} ».\n\nPour le relire : {admin_url}\n",
        contains_secret=False,
    )


def notify_event_decision(event):
    from organisations.models import Membership

    recipients = list(
        Membership.objects.confirmed()
        .filter(organisation=event.organisation_id)
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    published = event.status == PublicationStatus.PUBLISHED
    queue_email(
        to=recipients,
        subject=f"[{settings.PORTAL['SHORT_NAME']}] "
        + ("Votre événement est publié" if published else "Votre événement n’a pas été publié")
        + f" : {event.title}",
        body=render_to_string(
            "agenda/emails/decision.txt", {"event": event, "portal": settings.PORTAL}
        ),
        contains_secret=False,
    )
