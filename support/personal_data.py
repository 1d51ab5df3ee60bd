"""The support dossiers in the personal-data self-service and their retention."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from support.models import Dossier

ANONYMISED = "[anonymisé]"


def export(user):
    return [
        {
            "reference": dossier.reference,
            "statut": dossier.get_status_display(),
            "recue_le": dossier.created_at,
            "prenom": dossier.first_name,
            "nom": dossier.last_name,
            "email": dossier.email,
            "telephone": dossier.phone,
            "situation": dossier.get_situation_display(),
            "projet": dossier.get_project_display(),
            "famille": {
                "emploi_conjoint": dossier.spouse_job,
                "enfants": dossier.children,
                "garde": dossier.childcare,
                "logement": dossier.housing,
            },
            "message": dossier.message,
            "messages": [
                {"de_la_cheffe_de_projet": m.from_staff, "texte": m.body, "le": m.created_at}
                for m in dossier.messages.all()
            ],
            "consentement": {
                "donne_le": dossier.consent_given_at,
                "version": dossier.consent_version,
            },
        }
        for dossier in Dossier.objects.filter(requester=user)
        .prefetch_related("messages")
        .order_by("created_at", "pk")
    ]


def anonymise(queryset):
    """Keep what the figures count (status, dates, outcome, situation), drop who and what."""
    count = 0
    with transaction.atomic():
        for dossier in queryset:
            dossier.messages.all().delete()
            dossier.notes.all().delete()
            dossier.requests.all().delete()
            dossier.referrals.update(
                summary=ANONYMISED, answer_text="", contact_email="anonyme@invalid"
            )
            Dossier.objects.filter(pk=dossier.pk).update(
                requester=None,
                first_name=ANONYMISED,
                last_name=ANONYMISED,
                email=f"anonyme-{dossier.pk}@invalid",
                phone="",
                spouse_job="",
                children="",
                message="",
                call_preference="",
            )
            dossier.history.all().delete()  # the history holds the same personal data
            count += 1
    return count


def delete(user):
    anonymise(Dossier.objects.filter(requester=user))


def purge():
    """Dossiers without contact for the retention period are anonymised."""
    cutoff = timezone.now() - timedelta(days=settings.SUPPORT_RETENTION_DAYS)
    stale = Dossier.objects.exclude(first_name=ANONYMISED).filter(
        updated_at__lt=cutoff, status__in=["aboutie", "close", "en_pause"]
    )
    return anonymise(stale)
