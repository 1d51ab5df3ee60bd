"""The housing's registration in the registry of kinds of content."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Alert, Kind, MapLayer, PartnerPosting, PersonalData, StaffTask


def published_housing():
    from django.db.models import Prefetch

    from housing.models import Housing, HousingPhoto

    # The cards show the first photo: prefetched, so that a list costs one query more, not N.
    return (
        Housing.objects.available()
        .select_related("commune")
        .prefetch_related(
            Prefetch("photos", queryset=HousingPhoto.objects.order_by("position", "pk"))
        )
    )


def housing_near(place, km):
    """Published housing within ``km`` of a commune or a point, nearest first (.distance)."""
    return published_housing().nearest(place, km)


def partner_queryset(queryset):
    from django.db.models import Count

    return queryset.select_related("commune", "organisation").annotate(photo_count=Count("photos"))


SUMMARY_RADIUS_KM = 10


def item_summary(item, request):
    """On another kind's page (a practice's offer): how many published housing offers lie
    within 10 km of its commune, for a physician who comes to try the practice for a few weeks."""
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from housing.enums import HousingOrdering
    from housing.models import Housing
    from vsa_portal import fragments

    if isinstance(item, Housing) or not getattr(item, "commune_id", None):
        return None
    commune = item.commune
    # the same for every page of the commune: kept until the next publication
    count = fragments.kept(
        "housing-near-commune",
        [commune.pk, SUMMARY_RADIUS_KM],
        # built only when not kept: near() reads the commune's centre, deferred on offer pages
        lambda: Housing.objects.available().near(commune, SUMMARY_RADIUS_KM).count(),
    )
    values = {"count": count, "km": SUMMARY_RADIUS_KM, "commune": commune.name}
    if count:
        text = ngettext(
            "%(count)d logement publié sur le portail se trouve à moins de %(km)d km de "
            "%(commune)s.",
            "%(count)d logements publiés sur le portail se trouvent à moins de %(km)d km de "
            "%(commune)s.",
            count,
        )
    else:
        text = _("Aucun logement n’est publié à moins de %(km)d km de %(commune)s pour le moment.")
    query = {"near": commune.slug, "km": SUMMARY_RADIUS_KM, "tri": HousingOrdering.CLOSEST}
    return {
        "title": _("Se loger à proximité"),
        "text": text % values,
        "url": f"{reverse('housing:list')}?{urlencode(query)}" if count else "",
        "link_label": _("Voir ces logements"),
    }


def staff_tasks():
    """Private landlords whose housing waits for the project lead to confirm who they are."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from housing.models import Housing
    from vsa_portal.publication import PublicationStatus

    waiting = Housing.objects.awaiting_landlord_confirmation().exclude(
        status__in=[PublicationStatus.ARCHIVED, PublicationStatus.REJECTED]
    )
    changelist = reverse("admin:housing_housing_changelist")
    return [
        StaffTask(
            _("Propriétaires particuliers à confirmer avant leur première annonce"),
            waiting.values("organisation").distinct().count(),
            f"{changelist}?proprietaire=a_confirmer",
        )
    ]


def search_document(housing):
    return {"title": housing.title, "text": housing.description, "commune": housing.commune.name}


def build_kind():
    from housing import bench, demo, personal_data
    from housing.emails import notify_housing_submitted
    from housing.filters import HousingFilter
    from housing.forms import PartnerHousingForm
    from housing.models import Housing
    from housing.open_data import EXPORT_FIELDS
    from housing.partner_views import housing_photo_delete, housing_photos

    return Kind(
        key="logements",
        model=Housing,
        label=_("logement"),
        label_plural=_("logements"),
        gender="m",
        public=True,
        published=published_housing,
        list_url="housing:list",
        card_template="housing/includes/housing_item_card.html",
        layer=MapLayer(name="logements", colour="#8a4b08"),
        partner=PartnerPosting(
            form_class=PartnerHousingForm,
            notify_submitted=notify_housing_submitted,
            row_template="housing/partner/housing_row.html",
            create_title=_("Proposer un logement"),
            edit_title=_("Modifier un logement"),
            intro=_(
                "Le logement est relu par la cheffe de projet santé avant sa publication. Votre "
                "adresse e-mail n’est jamais affichée : les demandes vous sont transmises par "
                "le portail. Les photos s’ajoutent une fois l’annonce enregistrée. Propriétaire "
                "particulier : la cheffe de projet confirme votre compte avant votre première "
                "annonce."
            ),
            published_notice=_(
                "Ce logement est publié : une fois modifié, il quitte le portail le temps que "
                "la cheffe de projet relise vos changements."
            ),
            submitted_message=_(
                "Logement soumis : la cheffe de projet le relit avant publication."
            ),
            withdrawn_message=_("Le logement « %(title)s » est retiré du portail."),
            not_editable_message=_(
                "Un logement expiré ou retiré ne se modifie plus : proposez-en un nouveau."
            ),
            empty_message=_("Vous n’avez encore proposé aucun logement."),
            extra_urls=(
                ("<int:pk>/photos/", housing_photos, "housing_photos"),
                (
                    "<int:pk>/photos/<int:photo_pk>/retirer/",
                    housing_photo_delete,
                    "housing_photo_delete",
                ),
            ),
            queryset=partner_queryset,
        ),
        favorite=True,
        alert=Alert(
            filterset_class=HousingFilter,
            queryset=published_housing,
            new_since=lambda queryset, since: queryset.filter(published_at__gt=since).order_by(
                "-published_at", "-pk"
            ),
            digest_template="housing/emails/alert_item.txt",
        ),
        near_commune=housing_near,
        sitemap=True,
        demo=demo.generate_demo_housing,
        bench=bench.generate_bench_housing,
        personal_data=PersonalData(
            section="demandes_logement",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=search_document,
        export_fields=EXPORT_FIELDS,
        extra={
            "nearby_query": "near={slug}&km={km}&tri=proches",
            "sitemap_pages": ("housing:map",),
        },
        admin_permissions=(
            ("housing", ("view", "add", "change", "delete")),
            ("housingphoto", ("view", "add", "change", "delete")),
            ("housingcontact", ("view", "change")),
            ("landlordconfirmation", ("view", "add", "change", "delete")),
        ),
        staff_tasks=staff_tasks,
        item_summary=item_summary,
    )
