"""The partner space: what a confirmed member posts for its organisation, for every kind of
content that the registry says partners may post (offers, events, housing…)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import project_lead_emails
from organisations.access import get_for_partner, partner_required
from organisations.models import Invitation, Organisation
from organisations.partner_forms import InvitationForm
from outbox.services import queue_email
from vsa_portal import kinds
from vsa_portal.publication import PublicationStatus

# A published item can be edited too: it goes back to moderation, which sees what changed.
EDITABLE = [
    PublicationStatus.DRAFT,
    PublicationStatus.REJECTED,
    PublicationStatus.SUBMITTED,
    PublicationStatus.PUBLISHED,
]


def postable_kind(key):
    kind = kinds.get(key)
    if kind is None or not kind.partner:
        raise Http404(_("Ce type de contenu ne se publie pas depuis l’espace partenaire."))
    return kind


def organisation_items(request, kind):
    queryset = kind.model.objects.filter(organisation__in=request.partner_organisations)
    if kind.partner.queryset:
        queryset = kind.partner.queryset(queryset)
    return queryset


def can_edit(kind, item):
    if item.status not in EDITABLE:
        return False
    return kind.partner.can_edit(item) if kind.partner.can_edit else True


@partner_required
def home(request):
    sections = []
    for kind in kinds.postable():
        items = list(organisation_items(request, kind).order_by("status", "-updated_at", "-pk"))
        for item in items:
            item.editable_by_partner = can_edit(kind, item)
        sections.append({"kind": kind, "items": items})
    return render(
        request,
        "partners/home.html",
        {
            "organisations": request.partner_organisations,
            "sections": sections,
            "invitation_form": InvitationForm(organisations=request.partner_organisations),
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
                subject=_("Invitation à confirmer : %(email)s pour %(organisation)s")
                % {"email": invitation.email, "organisation": invitation.organisation.name},
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


def save_content(request, form, kind):
    """Save as a draft or submit, as the button pressed says; e-mail the project lead."""
    submit = "submit" in request.POST
    with transaction.atomic():
        item = form.save(commit=False)
        if submit:
            item.submit()
        else:
            item.status = PublicationStatus.DRAFT
            item.rejection_reason = ""
        if item.created_by_id is None:
            item.created_by = request.user
        item.save()
        form.save_m2m()
        if submit:
            kind.partner.notify_submitted(item, request)
    messages.success(
        request, kind.partner.submitted_message if submit else _("Brouillon enregistré.")
    )
    return redirect("partners:home")


@partner_required
def content_form(request, kind_key, pk=None):
    """Create (no ``pk``) or edit one of the organisation's items."""
    kind = postable_kind(kind_key)
    item = get_for_partner(request, kind.model.objects.all(), pk=pk) if pk else None
    if item is not None and not can_edit(kind, item):
        messages.error(request, kind.partner.not_editable_message)
        return redirect("partners:home")
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in request.partner_organisations]
    )
    form = kind.partner.form_class(
        request.POST or None, request.FILES or None, instance=item, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        return save_content(request, form, kind)
    return render(
        request,
        "partners/content_form.html",
        {"form": form, "item": item, "kind": kind, "content": kind.partner},
        status=400 if form.errors else 200,
    )


@require_POST
@partner_required
def content_withdraw(request, kind_key, pk):
    kind = postable_kind(kind_key)
    item = get_for_partner(request, kind.model.objects.all(), pk=pk)
    item.withdraw()
    item.save(update_fields=["status", "withdrawn_at", "updated_at"])
    messages.success(request, kind.partner.withdrawn_message % {"title": item.title})
    return redirect("partners:home")
