"""The housing's part of the personal-data self-service: the messages sent to posters."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from housing.models import HousingContact

ANONYMISED = "[supprimé]"
# How long a message about a housing offer is kept before it is anonymised.
RETENTION_DAYS = getattr(settings, "HOUSING_CONTACT_RETENTION_DAYS", 365)


def anonymise(queryset):
    """Keep that a contact happened (the funders' figures), drop who and what."""
    return queryset.update(name=ANONYMISED, email="anonyme@invalid", phone="", message=ANONYMISED)


def export(user):
    return [
        {
            "logement": contact.housing.title,
            "nom": contact.name,
            "telephone": contact.phone,
            "arrivee": contact.arrival,
            "depart": contact.departure,
            "message": contact.message,
            "envoyee_le": contact.created_at,
            "consentement": {
                "donne_le": contact.consent_given_at,
                "version": contact.consent_version,
            },
        }
        for contact in HousingContact.objects.filter(email__iexact=user.email)
        .select_related("housing")
        .order_by("created_at", "pk")
    ]


def delete(user):
    anonymise(HousingContact.objects.filter(email__iexact=user.email))


def purge():
    cutoff = timezone.now() - timedelta(days=RETENTION_DAYS)
    return anonymise(HousingContact.objects.filter(created_at__lt=cutoff).exclude(name=ANONYMISED))
