import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from support import emails, services
from support.enums import DossierStatus, Project, ReferralStatus, Situation
from support.forms import (
    DocumentForm,
    MessageForm,
    NeedsForm,
    ReferralAnswerForm,
    SupportRequestForm,
)
from support.models import Document, Dossier, InstallationStep, Referral, StepDone
from vsa_portal import kinds
from vsa_portal.ratelimit import Limit, client_address, hit_all

PER_CLIENT = Limit("support-client", 5, 3600)
PER_ADDRESS = Limit("support-address", 3, 3600)


@require_GET
def landing(request):
    return render(request, "support/landing.html")


def origin_of(request):
    """Where the person comes from (?origine=<kind>&objet=<pk>, or a free word such as
    "simulateur"), with what the page was about."""
    origin = request.GET.get("origine", "")[:40]
    label = ""
    kind = kinds.get(origin)
    pk = request.GET.get("objet", "")
    if kind and kind.public and pk.isdigit():
        item = kind.published().filter(pk=pk).first()
        if item is not None:
            label = f"{kind.label} : {item}"
    return origin, label


def initial_from(request):
    initial = {"token": uuid.uuid4().hex}
    situation = request.GET.get("situation")
    if situation in Situation.values:
        initial["situation"] = situation
    project = request.GET.get("projet")
    if project in Project.values:
        initial["project"] = project
    commune = request.GET.get("commune")
    if commune:
        from territory.models import Commune

        initial["communes"] = list(
            Commune.objects.filter(slug=commune).values_list("pk", flat=True)
        )
    if request.user.is_authenticated:
        user = request.user
        initial.update(
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            profession=user.profession_id,
            specialty=user.specialty,
        )
    return initial


def request_form(request):
    origin, origin_label = origin_of(request)
    if request.method == "POST":
        origin = request.POST.get("origine", "")[:40]
        origin_label = request.POST.get("origine_libelle", "")[:255]
        form = SupportRequestForm(request.POST)
        if form.is_valid():
            if not hit_all(
                (PER_CLIENT, client_address(request)), (PER_ADDRESS, form.cleaned_data["email"])
            ):
                return render(
                    request,
                    "support/request_form.html",
                    {"form": form, "origin": origin, "origin_label": origin_label, "limited": True},
                    status=429,
                )
            user = request.user if request.user.is_authenticated else None
            with transaction.atomic():
                dossier, created = services.submit(form, user, origin, origin_label)
                if created:
                    link = services.account_for(request, dossier)
                    emails.notify_request_received(dossier, link)
            return redirect("support:thanks")
        return render(
            request,
            "support/request_form.html",
            {"form": form, "origin": origin, "origin_label": origin_label},
            status=400,
        )
    form = SupportRequestForm(initial=initial_from(request))
    return render(
        request,
        "support/request_form.html",
        {"form": form, "origin": origin, "origin_label": origin_label},
    )


@require_GET
def thanks(request):
    return render(request, "support/thanks.html")


@login_required
@require_GET
def my_dossiers(request):
    dossiers = list(Dossier.objects.of_requester(request.user).order_by("-created_at", "-pk"))
    if len(dossiers) == 1:
        return redirect(dossiers[0].get_absolute_url())
    return render(request, "support/my_dossiers.html", {"dossiers": dossiers})


def own_dossier(request, reference):
    """The requester's own dossier; 404 for anybody else's, so a guessed reference reveals
    nothing. Staff read dossiers in the back office, where their reads are logged."""
    return get_object_or_404(Dossier, reference=reference, requester=request.user)


def dossier_page(request, dossier, form=None, document_form=None, needs_form=None):
    steps = []
    if dossier.project in (Project.SETTLE, Project.TAKE_OVER, Project.COLLABORATE):
        done = set(dossier.steps_done.values_list("step_id", flat=True))
        steps = [(step, step.pk in done) for step in InstallationStep.objects.all()]
    form = MessageForm() if form is None else form
    document_form = DocumentForm(dossier=dossier) if document_form is None else document_form
    needs_form = NeedsForm(instance=dossier) if needs_form is None else needs_form
    return render(
        request,
        "support/dossier.html",
        {
            "dossier": dossier,
            "history": dossier.status_history(),
            "thread": dossier.messages.select_related("author"),
            "needs": dossier.needs.all(),
            "documents": dossier.documents.all(),
            "pending_referrals": dossier.referrals.filter(
                status=ReferralStatus.AWAITING_AGREEMENT
            ).select_related("organisation"),
            "steps": steps,
            "form": form,
            "document_form": document_form,
            "needs_form": needs_form,
        },
        status=400 if form.errors or document_form.errors or needs_form.errors else 200,
    )


@login_required
def dossier(request, reference):
    dossier = own_dossier(request, reference)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            message = form.save(commit=False)
            message.dossier, message.author = dossier, request.user
            message.save()
            dossier.waiting_for_requester = False
            dossier.touch_contact(request.user)
            emails.notify_new_message(message)
        messages.success(request, _("Message envoyé à la cheffe de projet."))
        return redirect(dossier.get_absolute_url())
    return dossier_page(request, dossier, form=form if request.method == "POST" else None)


@login_required
@require_POST
def edit_needs(request, reference):
    dossier = own_dossier(request, reference)
    if not dossier.is_open:
        raise PermissionDenied
    form = NeedsForm(request.POST, instance=dossier)
    if not form.is_valid():
        # The form's errors, with the dossier as it is saved (not as the invalid post left it).
        return dossier_page(request, own_dossier(request, reference), needs_form=form)
    with transaction.atomic():
        services.update_needs(form, by=request.user)
    messages.success(request, _("Vos besoins sont à jour : la cheffe de projet en est informée."))
    return redirect(dossier.get_absolute_url() + "#besoins-titre")


@login_required
@require_POST
def upload_document(request, reference):
    dossier = own_dossier(request, reference)
    if not dossier.is_open:
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES, dossier=dossier)
    if not form.is_valid():
        return dossier_page(request, dossier, document_form=form)
    with transaction.atomic():
        document = form.save(by=request.user)
        dossier.touch_contact(request.user)
        emails.notify_new_document(document)
    messages.success(
        request,
        _("Document « %(name)s » ajouté à votre dossier.") % {"name": document.name},
    )
    return redirect(dossier.get_absolute_url() + "#documents")


def download(document):
    """Always a download, never shown in the page: the browser does not interpret it. Files are
    small (``SUPPORT_DOCUMENT_MAX_BYTES``), so they are read whole and the file closed at once."""
    try:
        with document.file.open("rb") as stored:
            content = stored.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def document(request, reference, pk):
    dossier = own_dossier(request, reference)
    return download(get_object_or_404(Document, dossier=dossier, pk=pk))


@login_required
@require_POST
def delete_document(request, reference, pk):
    """The requester removes a document they uploaded (not the project lead's)."""
    dossier = own_dossier(request, reference)
    document = get_object_or_404(Document, dossier=dossier, pk=pk, from_staff=False)
    Document.objects.filter(pk=document.pk).delete_files()
    messages.success(request, _("Document « %(name)s » supprimé.") % {"name": document.name})
    return redirect(dossier.get_absolute_url() + "#documents")


@login_required
@require_POST
def withdraw(request, reference):
    dossier = own_dossier(request, reference)
    try:
        dossier.transition(
            DossierStatus.CLOSED, by=request.user, note=_("Retirée par le demandeur.")
        )
    except (ValidationError, PermissionDenied):
        messages.error(request, _("Cette demande ne peut plus être retirée."))
    else:
        messages.success(request, _("Votre demande est close. Vous pouvez en faire une autre."))
    return redirect(dossier.get_absolute_url())


@login_required
@require_POST
def agree_referral(request, reference, pk):
    """The requester agrees that what the referral shows of the family goes to the partner."""
    dossier = own_dossier(request, reference)
    referral = get_object_or_404(dossier.referrals, pk=pk, status=ReferralStatus.AWAITING_AGREEMENT)
    with transaction.atomic():
        referral.requester_agreed_at = referral.sent_at = timezone.now()
        referral.status = ReferralStatus.SENT
        referral.save(update_fields=["requester_agreed_at", "sent_at", "status"])
        emails.send_referral(referral)
    messages.success(request, _("Merci : la demande est transmise au partenaire."))
    return redirect(dossier.get_absolute_url())


@login_required
@require_POST
def tick_step(request, reference, pk):
    dossier = own_dossier(request, reference)
    step = get_object_or_404(InstallationStep, pk=pk)
    done, created = StepDone.objects.get_or_create(dossier=dossier, step=step)
    if not created:
        done.delete()
    return redirect(dossier.get_absolute_url() + "#parcours")


def referral_answer(request, token):
    """A partner answers through its signed link, without an account; it sees this referral
    only, never the requester's address or phone."""
    try:
        referral = emails.referral_from_token(token)
    except signing.SignatureExpired:
        return render(request, "support/referral_invalid.html", {"expired": True}, status=410)
    except (signing.BadSignature, Referral.DoesNotExist):
        return render(request, "support/referral_invalid.html", status=404)
    if referral.status not in (ReferralStatus.SENT, ReferralStatus.ANSWERED):
        return render(request, "support/referral_invalid.html", status=404)
    form = ReferralAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            referral.answer_yes = form.cleaned_data["answer"]
            referral.answer_text = form.cleaned_data["text"]
            referral.answered_at = timezone.now()
            referral.status = ReferralStatus.ANSWERED
            referral.save()
            emails.notify_referral_answered(referral)
        return render(request, "support/referral_answer.html", {"referral": referral, "done": True})
    return render(
        request,
        "support/referral_answer.html",
        {"referral": referral, "form": form},
        status=400 if form.errors else 200,
    )
