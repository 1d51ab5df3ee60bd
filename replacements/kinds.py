"""The remplaçants' listing in the registry of kinds: not public content (never in the sitemap,
the search or the commune page), but the personal data, the project lead's role, the demo and
the bench read it there."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Figure, Kind, PersonalData, StaffTask


def build_kind():
    from replacements import bench, demo, personal_data
    from replacements.models import ReplacementProfile

    return Kind(
        key="remplacants",
        model=ReplacementProfile,
        label=_("profil de remplaçant"),
        label_plural=_("profils de remplaçants"),
        gender="m",
        public=False,
        published=None,
        list_url=None,
        card_template=None,
        layer=None,
        partner=None,
        favorite=False,
        alert=None,
        near_commune=None,
        sitemap=False,
        demo=demo.generate_demo_profiles,
        bench=bench.generate_bench_profiles,
        personal_data=PersonalData(
            section="remplacements",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=None,
        item_summary=offer_summary,
        figures=key_figures,
        staff_tasks=staff_tasks,
        admin_permissions=(
            ("replacementprofile", ("view", "change")),
            ("availability", ("view",)),
            ("professionalcheck", ("view", "change")),
            ("replacementcontact", ("view",)),
            ("offermatch", ("view",)),
        ),
    )


# The search the offer's page links to looks this much further than the remplaçants' own area.
MATCH_KM = 30


def may_see_matches(user, offer):
    """The poster's organisation and the project lead see who matches an offer."""
    from organisations.access import partner_organisations

    if not user.is_authenticated:
        return False
    if user.has_perm("replacements.view_replacementprofile"):
        return True
    return bool(offer.organisation_id) and (
        partner_organisations(user).filter(pk=offer.organisation_id).exists()
    )


def offer_summary(item, request):
    """On a replacement offer: for its poster, the remplaçants whose own area and periods match
    it, full and partial matches apart; for the others who may search, how many listed
    remplaçants are free at its dates within 30 km, with a link to them."""
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from replacements.access import may_search
    from replacements.matching import (
        MATCHES_SHOWN,
        is_replacement_offer,
        matching_profiles,
        need_of,
    )
    from replacements.models import ReplacementProfile

    if request is None or not is_replacement_offer(item):
        return None
    need = need_of(item)
    if need is None:
        return None
    start, end = need
    query = {"du": start, "au": end, "commune": item.commune.slug, "km": MATCH_KM}
    search_url = f"{reverse('replacements:search')}?{urlencode(query)}"
    if may_see_matches(request.user, item):
        full, partial = matching_profiles(item, limit=MATCHES_SHOWN)
        return {
            "title": _("Les remplaçants qui correspondent à votre offre"),
            "text": _(
                "Les remplaçants inscrits sur le portail dont le secteur comprend %(commune)s "
                "et qui sont disponibles à vos dates. Cette liste n’est visible que par votre "
                "organisation et la cheffe de projet ; les remplaçants qui l’ont demandé "
                "reçoivent votre offre dans leur e-mail du matin."
            )
            % {"commune": item.commune.name},
            "template": "replacements/includes/offer_matches.html",
            "full": full,
            "partial": partial,
            "url": search_url,
            "link_label": _("Chercher aussi dans un rayon de %(km)d km") % {"km": MATCH_KM},
        }
    if not may_search(request.user):
        return None
    count = ReplacementProfile.objects.available(start, end, item.commune, MATCH_KM).count()
    return {
        "title": _("Remplaçants disponibles"),
        "text": ngettext(
            "%(count)d remplaçant inscrit sur le portail est disponible à ces dates, au moins en "
            "partie, à moins de %(km)d km.",
            "%(count)d remplaçants inscrits sur le portail sont disponibles à ces dates, au moins "
            "en partie, à moins de %(km)d km.",
            count,
        )
        % {"count": count, "km": MATCH_KM},
        "url": search_url if count else "",
        "link_label": _("Voir ces remplaçants"),
    }


def key_figures():
    """Matches and relayed messages, demo profiles and demo offers never counted."""
    from django.db.models import Count

    from replacements.models import OfferMatch, ReplacementContact

    matches = OfferMatch.objects.real().aggregate(
        pairs=Count("pk"), offers=Count("offer_pk", distinct=True)
    )
    return [
        Figure(
            _("Correspondances entre offres de remplacement et remplaçants"),
            matches["pairs"],
            _(
                "Couples offre de remplacement publiée / remplaçant inscrit dont le secteur et "
                "les dates se recoupent, au moins en partie, relevés chaque matin depuis "
                "l’ouverture du portail."
            ),
        ),
        Figure(
            _("Offres de remplacement avec au moins un remplaçant disponible"),
            matches["offers"],
            _(
                "Offres de remplacement publiées pour lesquelles au moins un remplaçant inscrit "
                "était disponible dans le secteur, relevé le matin qui suit leur publication."
            ),
        ),
        Figure(
            _("Messages transmis aux remplaçants"),
            ReplacementContact.objects.filter(profile__is_demo=False).count(),
            _(
                "Messages envoyés aux remplaçants par le formulaire du portail, à la date de "
                "leur envoi, depuis son ouverture."
            ),
        ),
    ]


def staff_tasks():
    """The listed remplaçants whose RPPS number the project lead has not checked yet."""
    from django.urls import reverse

    from replacements.models import ReplacementProfile

    waiting = ReplacementProfile.objects.listed().filter(verified=False, is_demo=False)
    url = reverse("admin:replacements_replacementprofile_changelist")
    return [
        StaffTask(
            _("Profils de remplaçants à vérifier (numéro RPPS dans l’annuaire santé)"),
            waiting.count(),
            f"{url}?verified__exact=0&consent_to_list__exact=1&is_demo__exact=0",
        )
    ]
