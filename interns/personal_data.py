"""The school visit requests in the personal-data self-service and their retention."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from interns.models import SchoolVisitRequest

ANONYMISED = "[supprimé]"
# Two years: long enough to organise the visit and the next school year's.
RETENTION_DAYS = getattr(settings, "SCHOOL_VISIT_RETENTION_DAYS", 730)


def anonymise(queryset):
    return queryset.update(
        contact_name=ANONYMISED, email="anonyme@invalid", phone="", message=ANONYMISED, notes=""
    )


def export(user):
    return [
        {
            "etablissement": visit.school,
            "nom": visit.contact_name,
            "fonction": visit.contact_role,
            "telephone": visit.phone,
            "message": visit.message,
            "statut": visit.get_status_display(),
            "envoyee_le": visit.created_at,
            "consentement": {"donne_le": visit.consent_given_at, "version": visit.consent_version},
        }
        for visit in SchoolVisitRequest.objects.filter(email__iexact=user.email).order_by(
            "created_at", "pk"
        )
    ]


def delete(user):
    anonymise(SchoolVisitRequest.objects.filter(email__iexact=user.email))


def purge():
    cutoff = timezone.now() - timedelta(days=RETENTION_DAYS)
    return anonymise(
        SchoolVisitRequest.objects.filter(created_at__lt=cutoff).exclude(contact_name=ANONYMISED)
    )
