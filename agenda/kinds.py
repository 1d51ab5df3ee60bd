"""The agenda's registration in the registry of kinds of content."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Alert, Figure, Kind, MapLayer, PartnerPosting, PersonalData


def upcoming_events():
    from agenda.models import Event

    return Event.objects.upcoming().select_related("commune", "organisation")


def events_near(commune, km):
    return upcoming_events().nearest(commune, km)


def partner_queryset(queryset):
    from agenda.enums import RegistrationStatus

    return queryset.select_related("commune").annotate(
        registered=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        )
    )


def search_document(event):
    return {
        "title": event.title,
        "text": event.description,
        "commune": event.commune.name if event.commune_id else "",
    }


def key_figures():
    """Events held and their attendance, real events only (demo rows never count)."""
    from django.utils import timezone

    from agenda.enums import RegistrationStatus
    from agenda.models import Event

    held = Event.objects.filter(
        is_demo=False, published_at__isnull=False, ends_at__lt=timezone.now()
    ).aggregate(
        events=Count("pk", distinct=True),
        registered=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
    )
    return [
        Figure(
            _("Événements tenus"),
            held["events"],
            _("Événements publiés sur le portail et terminés, depuis l’ouverture du portail."),
        ),
        Figure(
            _("Inscriptions aux événements tenus"),
            held["registered"],
            _(
                "Inscriptions confirmées par le portail aux événements terminés (la présence "
                "le jour même n’est pas relevée), depuis l’ouverture du portail."
            ),
        ),
    ]


def build_kind():
    from agenda import bench, demo, personal_data
    from agenda.emails import notify_event_submitted
    from agenda.filters import EventFilter
    from agenda.forms import PartnerEventForm
    from agenda.models import Event
    from agenda.open_data import EXPORT_FIELDS
    from agenda.partner_views import event_registrations

    return Kind(
        key="evenements",
        model=Event,
        label=_("événement"),
        label_plural=_("événements"),
        gender="m",
        public=True,
        published=upcoming_events,
        list_url="agenda:landing",
        card_template="agenda/includes/event_item_card.html",
        layer=MapLayer(name="evenements", colour="#6a1b9a"),
        partner=PartnerPosting(
            form_class=PartnerEventForm,
            notify_submitted=notify_event_submitted,
            row_template="agenda/partner/event_row.html",
            create_title=_("Proposer un événement"),
            edit_title=_("Modifier un événement"),
            intro=_(
                "L’événement est relu par la cheffe de projet santé avant sa publication dans "
                "l’agenda."
            ),
            published_notice=_(
                "Cet événement est publié : une fois modifié, il quitte l’agenda le temps que la "
                "cheffe de projet relise vos changements."
            ),
            submitted_message=_(
                "Événement soumis : la cheffe de projet le relit avant publication."
            ),
            withdrawn_message=_("L’événement « %(title)s » est retiré de l’agenda."),
            not_editable_message=_("Un événement passé, expiré ou retiré ne se modifie plus."),
            empty_message=_("Aucun événement pour le moment."),
            extra_urls=(("<int:pk>/inscriptions/", event_registrations, "event_registrations"),),
            queryset=partner_queryset,
            can_edit=lambda event: event.partner_can_edit,
        ),
        favorite=True,
        alert=Alert(
            filterset_class=EventFilter,
            queryset=upcoming_events,
            new_since=lambda queryset, since: queryset.filter(published_at__gt=since).order_by(
                "starts_at", "pk"
            ),
            digest_template="agenda/emails/alert_item.txt",
        ),
        near_commune=events_near,
        sitemap=True,
        demo=demo.generate_demo_events,
        bench=bench.generate_bench_events,
        personal_data=PersonalData(
            section="inscriptions",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=search_document,
        export_fields=EXPORT_FIELDS,
        figures=key_figures,
        admin_permissions=(
            ("event", ("view", "add", "change", "delete")),
            ("registration", ("view", "change")),
        ),
    )
