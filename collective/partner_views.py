from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agenda.admin import registrations_csv
from agenda.emails import notify_event_submitted
from agenda.forms import PartnerEventForm
from agenda.models import Event
from collective.access import get_for_partner, partner_required
from collective.models import Invitation, Organisation
from collective.partner_forms import InvitationForm, PartnerOfferForm
from offers.emails import notify_offer_submitted, project_lead_emails
from offers.models import Offer
from outbox.services import queue_email
from vsa_portal.publication import PublicationStatus

# A published offer can be edited too: it goes back to moderation, which sees what changed.
EDITABLE = [
    PublicationStatus.DRAFT,
    PublicationStatus.REJECTED,
    PublicationStatus.SUBMITTED,
    PublicationStatus.PUBLISHED,
]


def partner_offers(request):
    return Offer.objects.filter(organisation__in=request.partner_organisations).select_related(
        "commune", "organisation"
    )


@partner_required
def home(request):
    offers = partner_offers(request).order_by("status", "-updated_at")
    by_status = {status: [] for status in PublicationStatus.values}
    for offer in offers:
        by_status[offer.status].append(offer)
    return render(
        request,
        "collective/partner/home.html",
        {
            "organisations": request.partner_organisations,
            "sections": [
                (PublicationStatus(status).label, items)
                for status, items in by_status.items()
                if items
            ],
            "totals": offers.aggregate(views=Sum("views_count"), contacts=Sum("contacts_count")),
            "invitation_form": InvitationForm(organisations=request.partner_organisations),
            "events": Event.objects.filter(organisation__in=request.partner_organisations)
            .annotate(
                registered=Count("registrations", filter=Q(registrations__status="confirmee"))
            )
            .order_by("-starts_at"),
        },
    )


@require_POST
@partner_required
def invite(request):
    """A member invites a colleague; the project lead confirms before anything else happens."""
    form = InvitationForm(request.POST, organisations=request.partner_organisations)
    if form.is_valid():
        invitation, created = Invitation.objects.get_or_create(
            email=form.cleaned_data["email"].lower(),
            organisation=form.cleaned_data["organisation"],
            defaults={"invited_by": request.user},
        )
        if created:
            queue_email(
                to=project_lead_emails(),
                subject=f"Invitation à confirmer : {invitation.email} pour {invitation.organisation.name}",
                body=_(
                    "%(who)s invite %(email)s à rejoindre %(organisation)s. À confirmer dans l’administration (Invitations)."
                )
                % {
                    "who": request.user,
                    "email": invitation.email,
                    "organisation": invitation.organisation.name,
                },
                contains_secret=False,
            )
        messages.success(request, _("Invitation envoyée à la cheffe de projet, qui la confirmera."))
    else:
        messages.error(request, _("Invitation impossible : vérifiez l’adresse e-mail."))
    return redirect("partners:home")


@require_POST
@partner_required
def offer_fill(request, pk):
    offer = get_for_partner(request, Offer.objects.all(), pk=pk)
    offer.filled_on = timezone.localdate()
    offer.save(update_fields=["filled_on", "updated_at"])
    messages.success(
        request, _("Bravo : l’offre « %(title)s » est pourvue.") % {"title": offer.title}
    )
    return redirect("partners:home")


@dataclass(frozen=True)
class PartnerContent:
    """What partners post through the publication workflow, and how the space words it."""

    model: type
    form_class: type
    notify_submitted: object
    create_title: str
    edit_title: str
    intro: str
    published_notice: str
    submitted_message: str
    withdrawn_message: str
    not_editable_message: str


OFFERS = PartnerContent(
    model=Offer,
    form_class=PartnerOfferForm,
    notify_submitted=notify_offer_submitted,
    create_title=gettext_lazy("Publier une offre d’exercice"),
    edit_title=gettext_lazy("Modifier une offre"),
    intro=gettext_lazy(
        "L’offre est relue par la cheffe de projet santé avant sa publication. Les coordonnées du "
        "contact ne sont jamais affichées : les professionnels vous écrivent par le formulaire du portail."
    ),
    published_notice=gettext_lazy(
        "Cette offre est publiée : une fois modifiée, elle quitte le portail le temps que la cheffe "
        "de projet relise vos changements."
    ),
    submitted_message=gettext_lazy(
        "Offre soumise : la cheffe de projet la relit avant publication."
    ),
    withdrawn_message=gettext_lazy("L’offre « %(title)s » est retirée du portail."),
    not_editable_message=gettext_lazy(
        "Une offre expirée ou retirée ne se modifie plus : créez-en une nouvelle."
    ),
)

EVENTS = PartnerContent(
    model=Event,
    form_class=PartnerEventForm,
    notify_submitted=notify_event_submitted,
    create_title=gettext_lazy("Proposer un événement"),
    edit_title=gettext_lazy("Modifier un événement"),
    intro=gettext_lazy(
        "L’événement est relu par la cheffe de projet santé avant sa publication dans l’agenda."
    ),
    published_notice=gettext_lazy(
        "Cet événement est publié : une fois modifié, il quitte l’agenda le temps que la cheffe de "
        "projet relise vos changements."
    ),
    submitted_message=gettext_lazy(
        "Événement soumis : la cheffe de projet le relit avant publication."
    ),
    withdrawn_message=gettext_lazy("L’événement « %(title)s » est retiré de l’agenda."),
    not_editable_message=gettext_lazy("Un événement retiré ou expiré ne se modifie plus."),
)


def save_content(request, form, content):
    """Save as a draft or submit, as the button pressed says; e-mail the project lead."""
    submit = "submit" in request.POST
    with transaction.atomic():
        item = form.save(commit=False)
        item.status = PublicationStatus.SUBMITTED if submit else PublicationStatus.DRAFT
        item.rejection_reason = ""
        if item.created_by_id is None:
            item.created_by = request.user
        item.save()
        if submit:
            content.notify_submitted(item, request)
    messages.success(request, content.submitted_message if submit else _("Brouillon enregistré."))
    return redirect("partners:home")


def content_form(request, content, pk=None):
    """Create (no ``pk``) or edit one of the organisation's items."""
    item = get_for_partner(request, content.model.objects.all(), pk=pk) if pk else None
    if item is not None and item.status not in EDITABLE:
        messages.error(request, content.not_editable_message)
        return redirect("partners:home")
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in request.partner_organisations]
    )
    form = content.form_class(
        request.POST or None, request.FILES or None, instance=item, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        return save_content(request, form, content)
    return render(
        request,
        "collective/partner/content_form.html",
        {"form": form, "item": item, "content": content},
        status=400 if form.errors else 200,
    )


def content_withdraw(request, content, pk):
    item = get_for_partner(request, content.model.objects.all(), pk=pk)
    item.status = PublicationStatus.ARCHIVED
    item.save(update_fields=["status", "updated_at"])
    messages.success(request, content.withdrawn_message % {"title": item.title})
    return redirect("partners:home")


@partner_required
def offer_create(request):
    return content_form(request, OFFERS)


@partner_required
def offer_edit(request, pk):
    return content_form(request, OFFERS, pk)


@require_POST
@partner_required
def offer_withdraw(request, pk):
    return content_withdraw(request, OFFERS, pk)


@partner_required
def event_create(request):
    return content_form(request, EVENTS)


@partner_required
def event_edit(request, pk):
    return content_form(request, EVENTS, pk)


@require_POST
@partner_required
def event_withdraw(request, pk):
    return content_withdraw(request, EVENTS, pk)


@partner_required
def event_registrations(request, pk):
    """The organiser sees and exports the registrations of its own events only."""
    event = get_for_partner(request, Event.objects.all(), pk=pk)
    registrations = event.registrations.order_by("created_at", "pk")
    if request.GET.get("format") == "csv":
        return registrations_csv(
            registrations.select_related("event"), f"inscriptions-{event.pk}.csv"
        )
    return render(
        request,
        "collective/partner/event_registrations.html",
        {"event": event, "registrations": registrations},
    )
