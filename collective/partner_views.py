from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
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


def save_offer(request, form):
    """Save as a draft or submit, as the button pressed says; e-mail the project lead."""
    submit = "submit" in request.POST
    with transaction.atomic():
        offer = form.save(commit=False)
        offer.status = PublicationStatus.SUBMITTED if submit else PublicationStatus.DRAFT
        offer.rejection_reason = ""
        if offer.created_by_id is None:
            offer.created_by = request.user
        offer.save()
        if submit:
            notify_offer_submitted(offer, request)
    messages.success(
        request,
        _("Offre soumise : la cheffe de projet la relit avant publication.")
        if submit
        else _("Brouillon enregistré."),
    )
    return redirect("partners:home")


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
            )
        messages.success(request, _("Invitation envoyée à la cheffe de projet, qui la confirmera."))
    else:
        messages.error(request, _("Invitation impossible : vérifiez l’adresse e-mail."))
    return redirect("partners:home")


@partner_required
def offer_create(request):
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in request.partner_organisations]
    )
    form = PartnerOfferForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        return save_offer(request, form)
    return render(
        request,
        "collective/partner/offer_form.html",
        {"form": form, "offer": None},
        status=400 if form.errors else 200,
    )


@partner_required
def offer_edit(request, pk):
    offer = get_for_partner(request, Offer.objects.all(), pk=pk)
    if offer.status not in EDITABLE:
        messages.error(
            request,
            _("Une offre publiée ne se modifie plus : retirez-la et créez-en une nouvelle."),
        )
        return redirect("partners:home")
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in request.partner_organisations]
    )
    form = PartnerOfferForm(request.POST or None, instance=offer, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        return save_offer(request, form)
    return render(
        request,
        "collective/partner/offer_form.html",
        {"form": form, "offer": offer},
        status=400 if form.errors else 200,
    )


@require_POST
@partner_required
def offer_withdraw(request, pk):
    offer = get_for_partner(request, Offer.objects.all(), pk=pk)
    offer.status = PublicationStatus.ARCHIVED
    offer.save(update_fields=["status", "updated_at"])
    messages.success(
        request, _("L’offre « %(title)s » est retirée du portail.") % {"title": offer.title}
    )
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


def save_event(request, form):
    submit = "submit" in request.POST
    with transaction.atomic():
        event = form.save(commit=False)
        event.status = PublicationStatus.SUBMITTED if submit else PublicationStatus.DRAFT
        event.rejection_reason = ""
        if event.created_by_id is None:
            event.created_by = request.user
        event.save()
        if submit:
            notify_event_submitted(event, request)
    messages.success(
        request,
        _("Événement soumis : la cheffe de projet le relit avant publication.")
        if submit
        else _("Brouillon enregistré."),
    )
    return redirect("partners:home")


@partner_required
def event_create(request):
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in request.partner_organisations]
    )
    form = PartnerEventForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        return save_event(request, form)
    return render(
        request,
        "collective/partner/event_form.html",
        {"form": form, "event": None},
        status=400 if form.errors else 200,
    )


@partner_required
def event_edit(request, pk):
    event = get_for_partner(request, Event.objects.all(), pk=pk)
    if event.status not in EDITABLE:
        messages.error(request, _("Un événement retiré ou expiré ne se modifie plus."))
        return redirect("partners:home")
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in request.partner_organisations]
    )
    form = PartnerEventForm(
        request.POST or None, request.FILES or None, instance=event, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        return save_event(request, form)
    return render(
        request,
        "collective/partner/event_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@require_POST
@partner_required
def event_withdraw(request, pk):
    event = get_for_partner(request, Event.objects.all(), pk=pk)
    event.status = PublicationStatus.ARCHIVED
    event.save(update_fields=["status", "updated_at"])
    messages.success(
        request, _("L’événement « %(title)s » est retiré de l’agenda.") % {"title": event.title}
    )
    return redirect("partners:home")


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
