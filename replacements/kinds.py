"""The remplaçants' listing in the registry of kinds: not public content (never in the sitemap,
the search or the commune page), but the personal data, the project lead's role, the demo and
the bench read it there."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Kind, PersonalData


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
        admin_permissions=(
            ("replacementprofile", ("view", "change")),
            ("availability", ("view",)),
            ("professionalcheck", ("view", "change")),
            ("replacementcontact", ("view",)),
        ),
    )


# The offers' kinds of replacement (their values, read through the registry: no import).
LOCUM_OFFER_KINDS = ("remplacement_ponctuel", "remplacement_regulier")
MATCH_KM = 30


def offer_summary(item, request):
    """On a replacement offer, for those who may search: how many listed remplaçants are free
    at its dates within 30 km, with a link to them."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from replacements.access import may_search
    from replacements.models import ReplacementProfile
    from vsa_portal import kinds

    offers = kinds.get("offres")
    if offers is None or not isinstance(item, offers.model):
        return None
    if getattr(item, "kind", "") not in LOCUM_OFFER_KINDS or not item.start_date:
        return None
    today = timezone.localdate()
    start, end = max(item.start_date, today), item.end_date or item.start_date
    if end < start or request is None or not may_search(request.user):
        return None
    count = ReplacementProfile.objects.available(start, end, item.commune, MATCH_KM).count()
    query = {"du": start, "au": end, "commune": item.commune.slug, "km": MATCH_KM}
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
        "url": f"{reverse('replacements:search')}?{urlencode(query)}" if count else "",
        "link_label": _("Voir ces remplaçants"),
    }
