"""Personal data self-service and retention (RGPD)."""

from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from vsa_portal import kinds


def export(user):
    """Everything the portal holds about ``user``, as JSON-ready data: the account here, then
    each kind of content's own part (contacts about offers, event registrations…)."""
    data = {
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
    }
    for kind in kinds.all_kinds():
        if kind.personal_data:
            data[kind.personal_data.section] = kind.personal_data.export(user)
    return data


def export_json(user):
    import json

    return json.dumps(export(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def delete_account(user):
    with transaction.atomic():
        for kind in kinds.all_kinds():
            if kind.personal_data:
                kind.personal_data.delete(user)
        user.delete()


def purge():
    """Scheduled: unverified accounts, old contact requests and old sent e-mails."""
    from allauth.account.models import EmailAddress

    from accounts.models import User
    from outbox.models import OutgoingEmail

    now = timezone.now()
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unverified = User.objects.filter(
        is_staff=False,
        date_joined__lt=now - timedelta(days=settings.UNVERIFIED_ACCOUNT_DAYS),
    ).exclude(pk__in=verified)
    with transaction.atomic():
        accounts = unverified.delete()[0]
        by_kind = {
            kind.personal_data.section: kind.personal_data.purge()
            for kind in kinds.all_kinds()
            if kind.personal_data and kind.personal_data.purge
        }
        emails = OutgoingEmail.objects.filter(
            sent_at__lt=now - timedelta(days=settings.SENT_EMAIL_RETENTION_DAYS)
        ).delete()[0]
    return {"accounts": accounts, "emails": emails, **by_kind}
