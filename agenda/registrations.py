"""Registrations on the portal: capacity, waiting list, confirmation and cancellation by signed
link.

Who may take a seat at once: a signed-in user registering with an address of theirs that is
verified. Anyone else asks for a registration that holds no seat (``PENDING``) until the
address's owner follows the signed link they receive, so that a stranger can neither fill an
event nor register somebody else. A second request for the same address never tells the page
anything: the existing registration's links go to the address, and only there.
"""

import enum
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from agenda.enums import RegistrationStatus
from agenda.ics import calendar
from agenda.models import Event, Registration, normalise_email
from outbox.services import queue_email

CANCEL_SALT = "agenda.registration.cancel"
CONFIRM_SALT = "agenda.registration.confirm"


class Outcome(enum.Enum):
    REGISTERED = "registered"  # confirmed or waiting, at once
    PENDING = "pending"  # waits for the address's owner to confirm
    ALREADY_REGISTERED = "already"  # the address already has a registration to this event


class LinkError(enum.Enum):
    INVALID = "invalid"
    EXPIRED = "expired"


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token):
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


def confirm_token(registration):
    return signing.dumps(registration.pk, salt=CONFIRM_SALT)


def confirmation_max_age():
    return timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)


def registration_from_confirm_token(token):
    """(registration, None), or (None, LinkError) for a forged, unknown or expired link."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_max_age())
    except signing.SignatureExpired:
        return None, LinkError.EXPIRED
    except signing.BadSignature:
        return None, LinkError.INVALID
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    return (registration, None) if registration else (None, LinkError.INVALID)


def active_registration(event, email):
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .filter(email__iexact=normalise_email(email))
        .first()
    )


def seat_status(event):
    """The status a registration gets now: a seat while some remain, the waiting list after.
    The caller holds the event's row lock."""
    if event.capacity is None:
        return RegistrationStatus.CONFIRMED
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return (
        RegistrationStatus.WAITING if confirmed >= event.capacity else RegistrationStatus.CONFIRMED
    )


def register(event_id, form, verified=False):
    """Save the request (before any e-mail is queued) and return (Outcome, registration).

    ``verified``: the address belongs to the signed-in user and is verified, so the registration
    takes a seat (or a place on the waiting list) at once. Otherwise it is saved as pending and
    its owner receives a confirmation link. The event row is locked so that two people taking
    the last seat at the same moment cannot both get it, and two requests for one address
    cannot both be saved (the database constraint is the last guard)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        existing = active_registration(event, form.cleaned_data["email"])
        if existing is not None:
            return Outcome.ALREADY_REGISTERED, existing
        registration = form.save(commit=False)
        registration.event = event
        registration.consent_given_at = timezone.now()
        registration.consent_version = Registration.CONSENT_VERSION
        if verified:
            registration.status = seat_status(event)
            registration.email_confirmed_at = timezone.now()
        else:
            registration.status = RegistrationStatus.PENDING
        registration.save()
        if verified:
            notify(registration)
        else:
            request_confirmation(registration)
    return (Outcome.REGISTERED if verified else Outcome.PENDING), registration


def confirm(registration):
    """The address's owner followed the link: the registration takes a seat, or a place on the
    waiting list. Idempotent; returns the registration, or None when the event no longer takes
    registrations."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            return registration
        if not event.takes_registrations:
            return None
        registration.status = seat_status(event)
        registration.email_confirmed_at = timezone.now()
        registration.save(update_fields=["status", "email_confirmed_at"])
        notify(registration)
    return registration


def resend_links(registration):
    """Someone asked again for an address already registered: the links go to that address."""
    if registration.status == RegistrationStatus.PENDING:
        # The request is renewed: the pending row lives as long as its newest link.
        Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now())
        request_confirmation(registration)
        return
    event = registration.event
    base = settings.PORTAL_BASE_URL.rstrip("/")
    queue_email(
        to=[registration.email],
        subject=f"[{settings.PORTAL['SHORT_NAME']}] Votre inscription : {event.title}",
        body=render_to_string(
            "agenda/emails/registration_links.txt",
            {
                "registration": registration,
                "event": event,
                "event_url": base + event.get_absolute_url(),
                "cancel_url": base + reverse("agenda:cancel", args=[cancel_token(registration)]),
                "portal": settings.PORTAL,
            },
        ),
    )


def request_confirmation(registration):
    event = registration.event
    base = settings.PORTAL_BASE_URL.rstrip("/")
    queue_email(
        to=[registration.email],
        subject=f"[{settings.PORTAL['SHORT_NAME']}] Confirmez votre inscription : {event.title}",
        body=render_to_string(
            "agenda/emails/confirm_registration.txt",
            {
                "registration": registration,
                "event": event,
                "event_url": base + event.get_absolute_url(),
                "confirm_url": base + reverse("agenda:confirm", args=[confirm_token(registration)]),
                "hours": settings.REGISTRATION_CONFIRMATION_HOURS,
                "portal": settings.PORTAL,
            },
        ),
    )


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
            # In the order the addresses were confirmed (rows older than confirmation first).
            .order_by(F("email_confirmed_at").asc(nulls_first=True), "created_at", "pk")
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
