"""The offers' part of the personal-data self-service: the "Je suis intéressé·e" messages."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from offers.models import OfferContact

ANONYMISED = "[supprimé]"


def anonymise(queryset):
    """Keep that a contact happened (the funders' figures), drop who and what."""
    return queryset.update(name=ANONYMISED, email="anonyme@invalid", phone="", message=ANONYMISED)


def export(user):
    return [
        {
            "offre": contact.offer.title,
            "nom": contact.name,
            "telephone": contact.phone,
            "message": contact.message,
            "envoyee_le": contact.created_at,
            "consentement": {
                "donne_le": contact.consent_given_at,
                "version": contact.consent_version,
            },
        }
        for contact in OfferContact.objects.filter(email__iexact=user.email)
        .select_related("offer")
        .order_by("created_at", "pk")
    ]


def delete(user):
    anonymise(OfferContact.objects.filter(email__iexact=user.email))


def purge():
    cutoff = timezone.now() - timedelta(days=settings.OFFER_CONTACT_RETENTION_DAYS)
    return anonymise(OfferContact.objects.filter(created_at__lt=cutoff).exclude(name=ANONYMISED))
