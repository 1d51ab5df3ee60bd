"""The support dossiers in the personal-data self-service and their retention."""

from django.db import transaction

from support.models import ANONYMISED, Document, Dossier


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
            "documents": [
                {"nom": d.name, "type": d.content_type, "depose_le": d.created_at}
                for d in dossier.documents.all()
            ],
            "consentement": {
                "donne_le": dossier.consent_given_at,
                "version": dossier.consent_version,
            },
        }
        for dossier in Dossier.objects.filter(requester=user)
        .prefetch_related("messages", "documents")
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
            Document.objects.filter(dossier=dossier).delete_files()
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
    """Dossiers without contact for the retention period, whose owner was warned beforehand
    (``support.tasks.warn_before_anonymisation``), are anonymised."""
    return anonymise(Dossier.objects.past_retention())
