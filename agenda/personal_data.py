"""Event registrations in the personal-data self-service (RGPD): export, deletion with the
account, and the scheduled purge. The accounts app calls these three functions through its
registry; they find a person's registrations by e-mail address (registering needs no account)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from agenda.enums import RegistrationStatus
from agenda.models import Registration

ANONYMISED = "[supprimé]"


def registrations_of(user):
    return Registration.objects.filter(email__iexact=user.email.strip())


def export(user):
    """The user's registrations, as JSON-ready rows."""
    return [
        {
            "evenement": r.event.title,
            "debut": r.event.starts_at,
            "nom": r.name,
            "email": r.email,
            "profil": r.get_profile_display(),
            "statut": r.get_status_display(),
            "inscrit_le": r.created_at,
            "adresse_confirmee_le": r.email_confirmed_at,
            "rappel_envoye_le": r.reminded_at,
            "consentement": {"donne_le": r.consent_given_at, "version": r.consent_version},
        }
        for r in registrations_of(user).select_related("event").order_by("created_at", "pk")
    ]


def anonymise(queryset):
    """Keep that a registration happened (attendance figures), drop who. Each row gets its own
    placeholder address, so that one event's anonymised seats stay distinct."""
    return queryset.update(
        name=ANONYMISED,
        email=Concat(Value("anonyme-"), Cast("pk", CharField()), Value("@invalid")),
    )


def delete(user):
    """With the account: registrations to events still to come are cancelled (their seat goes
    to the waiting list), then every registration of the address is anonymised."""
    from agenda.registrations import cancel

    registrations = registrations_of(user)
    with transaction.atomic():
        upcoming = registrations.filter(event__ends_at__gte=timezone.now()).exclude(
            status=RegistrationStatus.CANCELLED
        )
        for registration in upcoming:
            cancel(registration)
        return anonymise(registrations_of(user))


def purge():
    """Scheduled: registrations are anonymised ``REGISTRATION_RETENTION_DAYS`` after their event
    ended; requests nobody confirmed are deleted once their link has expired."""
    now = timezone.now()
    with transaction.atomic():
        anonymised = anonymise(
            Registration.objects.filter(
                event__ends_at__lt=now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
            ).exclude(name=ANONYMISED)
        )
        unconfirmed = Registration.objects.filter(
            status=RegistrationStatus.PENDING,
            created_at__lt=now - timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS),
        ).delete()[0]
    return {"registrations_anonymised": anonymised, "unconfirmed_deleted": unconfirmed}
