"""The project lead's dashboard, at the top of the admin index: what waits for her, with a link
to the admin list where she acts. Every line is shown only to whom may open its list."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collective.models import ContactMessage, ObservatoryImport
from organisations.models import Invitation, Membership
from outbox.models import OutgoingEmail
from support.models import Dossier
from vsa_portal import kinds
from vsa_portal.kinds import StaffTask
from vsa_portal.publication import PublicationStatus


@dataclass
class Section:
    title: str
    tasks: list  # StaffTask


def _can_view(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def _changelist(model, query=""):
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def moderation_tasks(user):
    return [
        StaffTask(
            kind.label_plural.capitalize(),
            kind.model.objects.filter(status=PublicationStatus.SUBMITTED).count(),
            _changelist(kind.model, f"status__exact={PublicationStatus.SUBMITTED}"),
        )
        for kind in kinds.postable()
        if _can_view(user, kind.model)
    ]


def support_tasks(user):
    if not _can_view(user, Dossier):
        return []
    days = settings.SUPPORT_UNANSWERED_DAYS
    pipeline = reverse("admin:support_pipeline")
    return [
        StaffTask(
            _("Nouvelles demandes sans réponse depuis plus de %(days)s jours") % {"days": days},
            Dossier.objects.unanswered_since(days).count(),
            f"{pipeline}?status=recue",
        ),
        StaffTask(
            _("Dossiers dont la prochaine action est due aujourd’hui ou en retard"),
            Dossier.objects.due().count(),
            pipeline,
        ),
    ]


def inbox_tasks(user):
    """What arrived and waits for a decision, each line only for who may see its list."""
    lines = [
        (
            ContactMessage,
            _("Messages de la page Contact non traités"),
            lambda: ContactMessage.objects.filter(handled=False),
            "handled__exact=0",
        ),
        (
            Membership,
            _("Membres d’organisations à confirmer"),
            lambda: Membership.objects.filter(confirmed_at__isnull=True),
            "confirmed_at__isempty=1",
        ),
        (
            Invitation,
            _("Invitations à confirmer"),
            lambda: Invitation.objects.filter(confirmed_at__isnull=True),
            "confirmed_at__isempty=1",
        ),
        (
            OutgoingEmail,
            _("E-mails en échec (non envoyés après une erreur)"),
            lambda: OutgoingEmail.objects.unsent().exclude(last_error=""),
            "sent_at__isempty=1",
        ),
    ]
    return [
        StaffTask(label, waiting().count(), _changelist(model, query))
        for model, label, waiting, query in lines
        if _can_view(user, model)
    ]


def kind_tasks(user):
    return [
        task
        for kind in kinds.with_staff_tasks()
        if _can_view(user, kind.model)
        for task in kind.staff_tasks()
    ]


def month_figures(today=None):
    """This month's and last month's support figures: (label, this month, last month)."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - timezone.timedelta(days=1)).replace(day=1)
    dossiers = Dossier.objects.real()
    received = dossiers.aggregate(
        now=Count("pk", filter=Q(created_at__date__gte=this_month)),
        before=Count(
            "pk", filter=Q(created_at__date__gte=last_month, created_at__date__lt=this_month)
        ),
    )
    installed = dossiers.supported_installations().aggregate(
        now=Count("pk", filter=Q(outcome_on__gte=this_month)),
        before=Count("pk", filter=Q(outcome_on__gte=last_month, outcome_on__lt=this_month)),
    )
    lines = [
        (_("Demandes d’accompagnement reçues"), received["now"], received["before"]),
        (_("Installations accompagnées"), installed["now"], installed["before"]),
    ]
    for kind in kinds.postable():
        published = kind.model.objects.filter(is_demo=False).aggregate(
            now=Count("pk", filter=Q(published_at__date__gte=this_month)),
            before=Count(
                "pk",
                filter=Q(published_at__date__gte=last_month, published_at__date__lt=this_month),
            ),
        )
        label = _("%(label)s publiés") if kind.gender == "m" else _("%(label)s publiées")
        lines.append(
            (
                label % {"label": kind.label_plural.capitalize()},
                published["now"],
                published["before"],
            )
        )
    return lines


LAST_IMPORTS = 5


def last_imports(user):
    """The observatory's last imports of official files, most recent first."""
    if not _can_view(user, ObservatoryImport):
        return None
    return {
        "imports": list(ObservatoryImport.objects.all()[:LAST_IMPORTS]),
        "url": _changelist(ObservatoryImport),
    }


def dashboard(user):
    sections = [
        Section(_("Contenus à modérer"), moderation_tasks(user)),
        Section(_("Accompagnement"), support_tasks(user)),
        Section(_("Messages et organisations"), inbox_tasks(user)),
        Section(_("À vérifier"), kind_tasks(user)),
    ]
    return {
        "sections": [section for section in sections if section.tasks],
        "month_figures": month_figures() if _can_view(user, Dossier) else [],
        "dossier_counts": Dossier.objects.counts_by_status() if _can_view(user, Dossier) else [],
        "last_imports": last_imports(user),
    }
