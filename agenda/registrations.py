"""Registrations on the portal: capacity, waiting list, cancellation by signed link."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from agenda.enums import RegistrationStatus
from agenda.ics import calendar
from agenda.models import Event, Registration
from outbox.services import queue_email

CANCEL_SALT = "agenda.registration.cancel"


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token):
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


def register(event_id, form):
    """Save the registration, confirmed while seats remain, waiting otherwise. The event row is
    locked so that two people taking the last seat at the same moment cannot both get it."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        full = event.capacity is not None and confirmed >= event.capacity
        registration = form.save(commit=False)
        registration.event = event
        registration.status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
        registration.consent_given_at = timezone.now()
        registration.consent_version = Registration.CONSENT_VERSION
        registration.save()
        notify(registration)
    return registration


def cancel(registration):
    """Cancel; if a seat is freed, the first person waiting gets it (and is told). Returns them."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        freed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status"])
        if not freed:
            return None
        promoted = (
            event.registrations.select_for_update()
            .filter(status=RegistrationStatus.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if promoted:
            promoted.status = RegistrationStatus.CONFIRMED
            promoted.save(update_fields=["status"])
            notify(promoted, promoted_from_waiting=True)
        return promoted


def notify(registration, promoted_from_waiting=False, reminder=False):
    event = registration.event
    base = settings.PORTAL_BASE_URL.rstrip("/")
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    if reminder:
        subject = f"Rappel : {event.title} demain"
    elif promoted_from_waiting:
        subject = f"Une place s’est libérée : {event.title}"
    elif confirmed:
        subject = f"Inscription confirmée : {event.title}"
    else:
        subject = f"Liste d’attente : {event.title}"
    queue_email(
        to=[registration.email],
        subject=f"[{settings.PORTAL['SHORT_NAME']}] {subject}",
        body=render_to_string(
            "agenda/emails/registration.txt",
            {
                "registration": registration,
                "event": event,
                "confirmed": confirmed,
                "promoted": promoted_from_waiting,
                "reminder": reminder,
                "event_url": base + event.get_absolute_url(),
                "cancel_url": base + reverse("agenda:cancel", args=[cancel_token(registration)]),
                "portal": settings.PORTAL,
            },
        ),
        attachments=[("evenement.ics", calendar([event], base).decode(), "text/calendar")]
        if confirmed
        else [],
    )
