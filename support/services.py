"""What happens when someone asks for support: saved first, then the e-mails."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from support.enums import Channel, NeedKind, NeedStatus, Project, ReferralStatus
from support.forms import CONSENT_VERSION
from support.models import Dossier, Need, Note, Referral, SupportRequest

NEED_FIELDS = {
    NeedKind.HOUSING: "housing",
    NeedKind.SPOUSE_JOB: "spouse_job",
    NeedKind.SCHOOLING: "children",
    NeedKind.CHILDCARE: "childcare",
}


def needs_of(data):
    kinds = [NeedKind.PRACTICE]
    kinds += [kind for kind, field in NEED_FIELDS.items() if data.get(field)]
    return kinds


def submit(form, user=None, origin="", origin_label=""):
    """Save the request; a second request from the same address joins its open dossier; the
    same form posted twice (a double click) is one request. Returns (dossier, created)."""
    data = form.cleaned_data
    token = data["token"]
    existing = SupportRequest.objects.filter(token=token).select_related("dossier").first()
    if existing:
        return existing.dossier, False
    snapshot = {
        key: (
            [str(c) for c in value]
            if key == "communes"
            else str(value)
            if value is not None
            else ""
        )
        for key, value in data.items()
        if key not in ("token", "website")
    }
    try:
        with transaction.atomic():
            dossier = (
                Dossier.objects.open().filter(email__iexact=data["email"]).order_by("pk").first()
            )
            created = dossier is None
            if created:
                dossier = form.save(commit=False)
                dossier.requester = user
                dossier.origin, dossier.origin_label = origin, origin_label[:255]
                dossier.consent_given_at = timezone.now()
                dossier.consent_version = CONSENT_VERSION
                dossier.save()
                form.save_m2m()
            else:
                # An internal note, not a message: whoever typed the address may not own it.
                Note.objects.create(
                    dossier=dossier,
                    author=user,
                    body="Nouvelle demande reçue pour cette adresse par le formulaire :\n\n"
                    + (data.get("message") or "(sans message)"),
                )
            for kind in needs_of(data):
                Need.objects.get_or_create(dossier=dossier, kind=kind)
            SupportRequest.objects.create(dossier=dossier, token=token, data=snapshot)
            if created and dossier.project == Project.SALARIED_POST:
                refer_salaried_post(dossier)
    except IntegrityError:
        # The same token saved by a concurrent request: that one wins.
        return SupportRequest.objects.get(token=token).dossier, False
    return dossier, created


def open_dossier(*, email, channel, by, message="", origin="", origin_label="", **fields):
    """A dossier opened by staff from a phone call, an e-mail, an event or a message received
    elsewhere (the contact page, a rubric's form: the rubric calls this, support never reads
    its models). An open dossier for the same address gets the message as a note instead of a
    duplicate. Returns (dossier, created)."""
    email = email.strip().lower()
    with transaction.atomic():
        dossier = Dossier.objects.open().filter(email__iexact=email).order_by("pk").first()
        created = dossier is None
        if created:
            dossier = Dossier(
                email=email,
                channel=channel,
                origin=origin[:40],
                origin_label=origin_label[:255],
                message=message,
                assignee=by if by is not None and by.is_staff else None,
                **fields,
            )
            dossier._history_user = by
            dossier._change_reason = f"dossier ouvert ({Channel(channel).label})"
            dossier.save()
            Need.objects.get_or_create(dossier=dossier, kind=NeedKind.PRACTICE)
        else:
            Note.objects.create(
                dossier=dossier,
                author=by,
                body=f"Nouveau message reçu ({Channel(channel).label}) :\n\n"
                + (message or "(sans message)"),
            )
    return dossier, created


def update_needs(form, by):
    """The requester corrects their needs: a new one becomes an item to follow, one they no
    longer have is dropped if nobody had started on it; the project lead reads it in a note."""
    dossier = form.save(commit=False)
    dossier._history_user = by
    dossier._change_reason = "besoins mis à jour par le demandeur"
    dossier.save()
    declared = set(needs_of(form.cleaned_data))
    for kind in declared:
        need, created = Need.objects.get_or_create(dossier=dossier, kind=kind)
        if not created and need.status == NeedStatus.DROPPED:
            need.status = NeedStatus.OPEN
            need.save(update_fields=["status"])
    dossier.needs.exclude(kind__in=declared).filter(status=NeedStatus.OPEN).update(
        status=NeedStatus.DROPPED
    )
    if form.changed_data:
        Note.objects.create(
            dossier=dossier,
            author=by,
            body="Le demandeur a mis à jour ses besoins depuis son espace.",
        )


def salaried_post_summary(dossier):
    """What the Département's service reads: the profile, never who the person is."""
    lines = [
        f"Profession : {dossier.profession or 'non précisée'}"
        + (f" ({dossier.specialty})" if dossier.specialty else ""),
        f"Situation : {dossier.get_situation_display()}",
        f"Poste salarié recherché, échéance : {dossier.project_when or 'non précisée'}",
    ]
    if dossier.mode:
        lines.append(f"Mode d’exercice souhaité : {dossier.get_mode_display()}")
    communes = ", ".join(c.name for c in dossier.communes.order_by("name"))
    lines.append(f"Où : {communes or 'partout dans le département'}")
    return "\n".join(lines)


def refer_salaried_post(dossier):
    """The portal supports libéral practice; salaried posts are the Département's own service
    (``SUPPORT_SALARIED_POST_PARTNER_*``): a referral to it is prepared at once, and leaves when
    the requester has seen and accepted what it says (as the privacy notice promises). Without
    a configured service the project lead is told in a note: the request is never lost."""
    address = settings.SUPPORT_SALARIED_POST_PARTNER_EMAIL
    if not address:
        Note.objects.create(
            dossier=dossier,
            body="Demande de poste salarié : aucun service du Département n’est configuré "
            "(SUPPORT_SALARIED_POST_PARTNER_EMAIL). Orientez-la depuis ce dossier.",
        )
        return None
    referral = Referral.objects.create(
        dossier=dossier,
        contact_name=settings.SUPPORT_SALARIED_POST_PARTNER_NAME,
        contact_email=address,
        question="Pouvez-vous proposer un poste salarié correspondant à ce profil ?",
        summary=salaried_post_summary(dossier),
        status=ReferralStatus.AWAITING_AGREEMENT,
    )
    Note.objects.create(
        dossier=dossier,
        body=f"Demande de poste salarié : orientation vers "
        f"{settings.SUPPORT_SALARIED_POST_PARTNER_NAME} préparée, en attente de l’accord du "
        f"demandeur.",
    )
    return referral


def account_for(request, dossier):
    """The requester's account: theirs if logged in, else one created for the address, which
    they confirm (allauth) before they can follow the request. Returns a set-password link
    for a new account, else ""."""
    from allauth.account.forms import default_token_generator
    from allauth.account.internal.flows.password_reset import get_reset_password_from_key_url
    from allauth.account.models import EmailAddress
    from allauth.account.utils import user_pk_to_url_str

    from accounts.models import User

    if request.user.is_authenticated:
        if dossier.requester_id is None:
            dossier.requester = request.user
            dossier.save(update_fields=["requester", "updated_at"])
        return ""
    user = User.objects.filter(email__iexact=dossier.email).first()
    link = ""
    if user is None:
        user = User.objects.create_user(
            email=dossier.email,
            first_name=dossier.first_name,
            last_name=dossier.last_name,
            terms_accepted_at=dossier.consent_given_at,
            terms_version=dossier.consent_version,
        )
        address = EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=False
        )
        address.send_confirmation(request, signup=True)
        key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
        link = get_reset_password_from_key_url(request, key)
    if dossier.requester_id is None:
        dossier.requester = user
        dossier.save(update_fields=["requester", "updated_at"])
    return link
