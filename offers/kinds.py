"""The offers' registration in the registry of kinds of content."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Alert, Figure, Kind, MapLayer, PartnerPosting, PersonalData


def published_offers():
    from offers.models import Offer

    return Offer.objects.available().select_related("commune", "profession")


def offers_near(commune, km):
    return published_offers().nearest(commune, km)


def partner_queryset(queryset):
    return queryset.select_related("commune", "organisation")


def search_document(offer):
    return {"title": offer.title, "text": offer.description, "commune": offer.commune.name}


def key_figures():
    """The offers' public figures, counted from real offers only (demo rows never count)."""
    from django.db.models import Count, Exists, OuterRef, Q

    from offers.models import Offer, OfferContact

    real = Offer.objects.filter(is_demo=False)
    contact_before_filled = OfferContact.objects.filter(
        offer=OuterRef("pk"), created_at__date__lte=OuterRef("filled_on")
    )
    counts = (
        real.order_by()
        .annotate(contacted=Exists(contact_before_filled))
        .aggregate(
            published=Count("pk", filter=Q(published_at__isnull=False)),
            filled=Count("pk", filter=Q(filled_on__isnull=False)),
            through_portal=Count("pk", filter=Q(filled_on__isnull=False, contacted=True)),
        )
    )
    contacts = OfferContact.objects.filter(offer__is_demo=False).count()
    return [
        Figure(
            _("Offres d’exercice publiées"),
            counts["published"],
            _(
                "Offres relues et publiées par la cheffe de projet, à la date de leur "
                "publication, depuis l’ouverture du portail."
            ),
        ),
        Figure(
            _("Offres pourvues"),
            counts["filled"],
            _(
                "Offres marquées « pourvue » par leur auteur, à la date indiquée, depuis "
                "l’ouverture du portail."
            ),
        ),
        Figure(
            _("Offres pourvues par le portail"),
            counts["through_portal"],
            _(
                "Offres pourvues après au moins une prise de contact passée par le portail "
                "(la prise de contact précède la date « pourvue »)."
            ),
        ),
        Figure(
            _("Prises de contact"),
            contacts,
            _(
                "Messages « Je suis intéressé·e » envoyés aux auteurs des offres par le "
                "formulaire du portail, depuis son ouverture."
            ),
        ),
    ]


def build_kind():
    from offers import bench, demo, personal_data
    from offers.emails import notify_offer_submitted
    from offers.filters import OfferFilter
    from offers.models import Offer
    from offers.open_data import EXPORT_FIELDS
    from offers.partner_forms import PartnerOfferForm
    from offers.partner_views import offer_fill

    return Kind(
        key="offres",
        model=Offer,
        label=_("offre d’exercice"),
        label_plural=_("offres d’exercice"),
        gender="f",
        public=True,
        published=published_offers,
        list_url="offers:list",
        card_template="offers/includes/offer_item_card.html",
        layer=MapLayer(name="offres", colour="#0b6e4f"),
        partner=PartnerPosting(
            form_class=PartnerOfferForm,
            notify_submitted=notify_offer_submitted,
            row_template="offers/partner/offer_row.html",
            create_title=_("Publier une offre d’exercice"),
            edit_title=_("Modifier une offre"),
            intro=_(
                "L’offre est relue par la cheffe de projet santé avant sa publication. Les "
                "coordonnées du contact ne sont jamais affichées : les professionnels vous "
                "écrivent par le formulaire du portail."
            ),
            published_notice=_(
                "Cette offre est publiée : une fois modifiée, elle quitte le portail le temps "
                "que la cheffe de projet relise vos changements."
            ),
            submitted_message=_("Offre soumise : la cheffe de projet la relit avant publication."),
            withdrawn_message=_("L’offre « %(title)s » est retirée du portail."),
            not_editable_message=_(
                "Une offre expirée ou retirée ne se modifie plus : créez-en une nouvelle."
            ),
            empty_message=_("Votre organisation n’a encore publié aucune offre."),
            extra_urls=(("<int:pk>/pourvue/", offer_fill, "offer_fill"),),
            queryset=partner_queryset,
        ),
        favorite=True,
        alert=Alert(
            filterset_class=OfferFilter,
            queryset=published_offers,
            new_since=lambda queryset, since: queryset.filter(published_at__gt=since).order_by(
                "-published_at", "-pk"
            ),
            digest_template="offers/emails/alert_item.txt",
        ),
        near_commune=offers_near,
        sitemap=True,
        demo=demo.generate_demo_offers,
        bench=bench.generate_bench_offers,
        personal_data=PersonalData(
            section="prises_de_contact",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=search_document,
        export_fields=EXPORT_FIELDS,
        figures=key_figures,
        extra={"nearby_query": "near={slug}&km={km}&tri=proches"},
        admin_permissions=(
            ("offer", ("view", "add", "change", "delete")),
            ("offercontact", ("view", "change")),
        ),
    )
