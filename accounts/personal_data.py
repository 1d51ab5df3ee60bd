"""Personal data self-service and retention (RGPD)."""

from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

ANONYMISED = "[supprimé]"


def export(user):
    """Everything the portal holds about ``user``, as JSON-ready data."""
    from offers.models import OfferContact

    return {
        "compte": {
            "email": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "statut": user.get_status_display() if user.status else "",
            "profession": str(user.profession or ""),
            "specialite": user.specialty,
            "inscrit_le": user.date_joined,
            "consentement": {"donne_le": user.terms_accepted_at, "version": user.terms_version},
            "derniere_connexion": user.last_login,
        },
        "organisations": [
            {
                "organisation": m.organisation.name,
                "role": m.get_role_display(),
                "confirmee_le": m.confirmed_at,
            }
            for m in user.memberships.select_related("organisation")
        ],
        "favoris": [
            {"type": f.content_type.model, "id": f.object_id, "ajoute_le": f.created_at}
            for f in user.favorites.select_related("content_type")
        ],
        "alertes": [
            {
                "nom": s.name,
                "filtres": s.querystring,
                "frequence": s.get_frequency_display(),
                "active": s.is_active,
            }
            for s in user.saved_searches.all()
        ],
        "prises_de_contact": [
            {
                "offre": c.offer.title,
                "nom": c.name,
                "telephone": c.phone,
                "message": c.message,
                "envoyee_le": c.created_at,
                "consentement": {"donne_le": c.consent_given_at, "version": c.consent_version},
            }
            for c in OfferContact.objects.filter(email__iexact=user.email).select_related("offer")
        ],
    }


def export_json(user):
    import json

    return json.dumps(export(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def anonymise_contacts(queryset):
    """Keep that a contact happened (the funders' figures), drop who and what."""
    return queryset.update(name=ANONYMISED, email="anonyme@invalid", phone="", message=ANONYMISED)


def delete_account(user):
    from offers.models import OfferContact

    with transaction.atomic():
        anonymise_contacts(OfferContact.objects.filter(email__iexact=user.email))
        user.delete()


def purge():
    """Scheduled: unverified accounts, old contact requests and old sent e-mails."""
    from allauth.account.models import EmailAddress

    from accounts.models import User
    from offers.models import OfferContact
    from outbox.models import OutgoingEmail

    now = timezone.now()
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unverified = User.objects.filter(
        is_staff=False,
        date_joined__lt=now - timedelta(days=settings.UNVERIFIED_ACCOUNT_DAYS),
    ).exclude(pk__in=verified)
    with transaction.atomic():
        accounts = unverified.delete()[0]
        contacts = anonymise_contacts(
            OfferContact.objects.filter(
                created_at__lt=now - timedelta(days=settings.OFFER_CONTACT_RETENTION_DAYS)
            ).exclude(name=ANONYMISED)
        )
        emails = OutgoingEmail.objects.filter(
            sent_at__lt=now - timedelta(days=settings.SENT_EMAIL_RETENTION_DAYS)
        ).delete()[0]
    return {"accounts": accounts, "contacts": contacts, "emails": emails}
