"""The remplaçants' part of the personal-data self-service: the profile, its availability, the
offers matched with it, and the messages sent to or by the person."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from replacements.models import ProfessionalCheck, ReplacementContact, ReplacementProfile

RETENTION_DAYS = getattr(settings, "REPLACEMENT_CONTACT_RETENTION_DAYS", 365)
ANONYMISED = "[supprimé]"


def export(user):
    data = []
    profile = ReplacementProfile.objects.filter(user=user).select_related("profession").first()
    if profile:
        data.append(
            {
                "profil": {
                    "profession": profile.profession.name,
                    "statut": profile.get_status_display(),
                    "fin_de_licence": profile.licence_ends_on,
                    "rpps": profile.rpps,
                    "verifie": profile.verified,
                    "logiciels": profile.software,
                    "retrocession_minimale": profile.fee_share,
                    "secretariat": profile.get_secretariat_display(),
                    "visites": profile.home_visits,
                    "gardes": profile.on_call,
                    "logement": profile.needs_housing,
                    "nom_affiche": profile.get_name_display_display(),
                    "consentement": profile.consent_to_list,
                    "consentement_donne_le": profile.consent_given_at,
                    "confirme_le": profile.confirmed_at,
                },
                "disponibilites": [
                    {
                        "type": period.get_kind_display(),
                        "du": period.starts_on,
                        "au": period.ends_on,
                        "jours": period.weekday_labels,
                        "autour_de": period.centre.name if period.centre_id else None,
                        "rayon_km": period.radius_km,
                        "communes": [commune.name for commune in period.communes.all()],
                    }
                    for period in profile.availabilities.select_related("centre")
                    .prefetch_related("communes")
                    .order_by("starts_on", "pk")
                ],
                "offres_proposees": [
                    {
                        "offre": match.offer_pk,
                        "toute_la_periode": match.full,
                        "relevee_le": match.created_at,
                        "envoyee_le": match.sent_at,
                    }
                    for match in profile.offer_matches.order_by("created_at", "pk")
                ],
            }
        )
    check = ProfessionalCheck.objects.filter(user=user).first()
    if check:
        data.append({"verification": {"rpps": check.rpps, "verifie": check.verified}})
    for contact in (
        ReplacementContact.objects.filter(Q(sender=user) | Q(profile__user=user))
        .select_related("profile")
        .order_by("created_at", "pk")
    ):
        data.append(
            {
                "message": {
                    "envoye": contact.sender_id == user.pk,
                    "du": contact.starts_on,
                    "au": contact.ends_on,
                    "texte": contact.message,
                    "le": contact.created_at,
                }
            }
        )
    return data


def delete(user):
    ReplacementContact.objects.filter(sender=user).update(sender=None, message=ANONYMISED)
    # its availability, matches and messages too
    ReplacementProfile.objects.filter(user=user).delete()
    ProfessionalCheck.objects.filter(user=user).delete()


def purge():
    cutoff = timezone.now() - timedelta(days=RETENTION_DAYS)
    return (
        ReplacementContact.objects.filter(created_at__lt=cutoff)
        .exclude(message=ANONYMISED)
        .update(message=ANONYMISED)
    )
