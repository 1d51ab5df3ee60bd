"""Personal support: a physician's or an intern's request, followed by the project lead from the
first contact to the installation. A dossier's status changes only through ``transition``."""

import os
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from support.documents import document_storage
from support.enums import (
    OPEN_STATUSES,
    PURGED_STATUSES,
    CameFrom,
    Channel,
    DossierStatus,
    NeedKind,
    NeedStatus,
    Outcome,
    PracticeMode,
    Project,
    ReferralStatus,
    ScanStatus,
    Situation,
)

S = DossierStatus
TRANSITIONS = {
    S.RECEIVED: {S.IN_PROGRESS, S.REFERRED, S.PAUSED, S.SETTLED, S.CLOSED},
    S.IN_PROGRESS: {S.REFERRED, S.PAUSED, S.SETTLED, S.CLOSED},
    S.REFERRED: {S.IN_PROGRESS, S.PAUSED, S.SETTLED, S.CLOSED},
    S.PAUSED: {S.IN_PROGRESS, S.CLOSED},
    S.SETTLED: {S.IN_PROGRESS},
    S.CLOSED: {S.IN_PROGRESS},
}


ANONYMISED = "[anonymisé]"


def new_reference():
    return "ACC-" + secrets.token_hex(4).upper()


class DossierQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def of_requester(self, user):
        return self.filter(requester=user)

    def unanswered_since(self, days):
        """New requests nobody has answered for ``days`` days."""
        return self.filter(
            first_answer_at__isnull=True,
            status=DossierStatus.RECEIVED,
            created_at__lt=timezone.now() - timedelta(days=days),
        )

    def due(self, on=None):
        return self.open().filter(next_action_on__lte=on or timezone.localdate())

    # --- Retention: warned first, anonymised later -------------------------------------------

    def _stale(self, since):
        return self.exclude(first_name=ANONYMISED).filter(
            status__in=PURGED_STATUSES, updated_at__lt=since
        )

    def to_warn_before_anonymisation(self, now=None):
        """Dossiers anonymised within the warning period whose owner has not been told since
        the last change (any contact moves ``updated_at`` and calls for a new warning)."""
        now = now or timezone.now()
        retention = timedelta(days=settings.SUPPORT_RETENTION_DAYS)
        warning = timedelta(days=settings.SUPPORT_RETENTION_WARNING_DAYS)
        return self._stale(now - retention + warning).filter(
            Q(retention_warned_at__isnull=True) | Q(retention_warned_at__lt=F("updated_at"))
        )

    def past_retention(self, now=None):
        """Stale dossiers whose owner was warned at least the warning period ago."""
        now = now or timezone.now()
        return self._stale(now - timedelta(days=settings.SUPPORT_RETENTION_DAYS)).filter(
            retention_warned_at__gte=F("updated_at"),
            retention_warned_at__lte=now - timedelta(days=settings.SUPPORT_RETENTION_WARNING_DAYS),
        )

    def board_counts(self, on=None):
        """The board's head in one query: (status, count) pairs and the dossiers due."""
        on = on or timezone.localdate()
        totals = self.order_by().aggregate(
            due=Count("pk", filter=Q(status__in=OPEN_STATUSES, next_action_on__lte=on)),
            **{status.value: Count("pk", filter=Q(status=status)) for status in DossierStatus},
        )
        return [(status, totals[status.value]) for status in DossierStatus], totals["due"]

    def counts_by_status(self):
        rows = dict(self.order_by().values_list("status").annotate(n=Count("pk")))
        return [(status, rows.get(status.value, 0)) for status in DossierStatus]

    # --- The funders' figures -------------------------------------------------------------

    def real(self):
        """What the figures count: not demo dossiers."""
        return self.filter(is_demo=False)

    def per_month(self):
        return (
            self.annotate(month=TruncMonth("created_at"))
            .order_by("month")
            .values("month")
            .annotate(count=Count("pk"))
        )

    def count_by(self, field):
        return self.order_by(field).values(field).annotate(count=Count("pk"))

    def installations_per_year(self):
        return (
            self.filter(status=DossierStatus.SETTLED, outcome_on__isnull=False)
            .annotate(year=ExtractYear("outcome_on"))
            .order_by("year", "outcome_commune__name", "outcome_mode", "outcome")
            .values("year", "outcome_commune__name", "outcome_mode", "outcome")
            .annotate(count=Count("pk"))
        )

    def supported_installations(self):
        return self.filter(status=DossierStatus.SETTLED, outcome=Outcome.SUPPORTED_INSTALLATION)

    def _median(self, expression):
        durations = list(
            self.annotate(delay=expression)
            .exclude(delay__isnull=True)
            .order_by("delay")
            .values_list("delay", flat=True)
        )
        if not durations:
            return None
        middle = len(durations) // 2
        if len(durations) % 2:
            return durations[middle]
        return (durations[middle - 1] + durations[middle]) / 2

    def median_time_to_first_answer(self):
        return self._median(F("first_answer_at") - F("created_at"))

    def median_time_to_installation(self):
        settled = self.filter(status=DossierStatus.SETTLED, closed_at__isnull=False)
        return settled._median(F("closed_at") - F("created_at"))


class Dossier(models.Model):
    reference = models.CharField(_("référence"), max_length=20, unique=True, default=new_reference)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur (compte)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"), db_index=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    profession = models.ForeignKey(
        "accounts.Profession",
        verbose_name=_("profession"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    specialty = models.CharField(_("spécialité"), max_length=120, blank=True)
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    project = models.CharField(_("projet"), max_length=20, choices=Project.choices)
    project_when = models.CharField(_("échéance du projet"), max_length=120, blank=True)
    communes = models.ManyToManyField(
        "territory.Commune", verbose_name=_("communes souhaitées"), blank=True, related_name="+"
    )
    anywhere = models.BooleanField(_("partout dans le département"), default=False)
    mode = models.CharField(
        _("mode d’exercice"), max_length=20, choices=PracticeMode.choices, blank=True
    )
    spouse_job = models.CharField(_("métier et secteur du conjoint"), max_length=200, blank=True)
    children = models.CharField(
        _("enfants à scolariser (âges)"),
        max_length=120,
        blank=True,
        help_text=_("Les âges seulement, par exemple « 4 et 9 ans »."),
    )
    childcare = models.BooleanField(_("cherche une garde d’enfant"), default=False)
    housing = models.BooleanField(_("cherche un logement"), default=False)
    message = models.TextField(_("message"), max_length=5000, blank=True)
    call_preference = models.CharField(
        _("quand et comment vous joindre"), max_length=200, blank=True
    )
    came_from = models.CharField(_("vient"), max_length=20, choices=CameFrom.choices, blank=True)
    consent_given_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_version = models.CharField(_("version du consentement"), max_length=20, blank=True)

    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=DossierStatus.choices,
        default=DossierStatus.RECEIVED,
        db_index=True,
    )
    channel = models.CharField(
        _("canal"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    origin = models.CharField(
        _("origine"),
        max_length=40,
        blank=True,
        help_text=_("D’où vient la demande : une offre, une commune, le simulateur d’aides…"),
    )
    origin_label = models.CharField(_("page d’origine"), max_length=255, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suivi par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )
    next_action_on = models.DateField(_("prochaine action le"), null=True, blank=True)
    next_appointment = models.CharField(_("prochain rendez-vous"), max_length=200, blank=True)
    waiting_for_requester = models.BooleanField(_("en attente du demandeur"), default=False)
    waiting_for_partner = models.BooleanField(_("en attente d’un partenaire"), default=False)
    first_answer_at = models.DateTimeField(_("première réponse le"), null=True, blank=True)
    last_contact_at = models.DateTimeField(_("dernier contact le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    outcome = models.CharField(_("issue"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune d’installation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_on = models.DateField(_("installé·e le"), null=True, blank=True)
    outcome_mode = models.CharField(
        _("mode d’installation"), max_length=20, choices=PracticeMode.choices, blank=True
    )
    labels = models.ManyToManyField(
        "support.Label", verbose_name=_("étiquettes"), blank=True, related_name="dossiers"
    )
    retention_warned_at = models.DateTimeField(
        _("prévenu·e de l’anonymisation le"), null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("démo"), default=False)
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "retention_warned_at"], m2m_fields=[labels]
    )
    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier d’accompagnement")
        verbose_name_plural = _("dossiers d’accompagnement")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.reference} — {self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("support:dossier", args=[self.reference])

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def family_summary(self):
        """What a referral shares of the family, if the requester agrees."""
        parts = []
        if self.spouse_job:
            parts.append(_("Conjoint·e : %(job)s") % {"job": self.spouse_job})
        if self.children:
            parts.append(_("Enfants : %(ages)s") % {"ages": self.children})
        if self.childcare:
            parts.append(str(_("Cherche une garde d’enfant")))
        return parts

    def allowed_transitions(self):
        return sorted(TRANSITIONS[DossierStatus(self.status)])

    def transition(self, to, by, note=""):
        """The only way a status changes: checks who may, records who and when (history),
        tells the requester by e-mail."""
        from support.emails import notify_status_change

        to = DossierStatus(to)
        if to not in TRANSITIONS[DossierStatus(self.status)]:
            raise ValidationError(
                _("Un dossier « %(from)s » ne peut pas passer à « %(to)s ».")
                % {"from": self.get_status_display(), "to": to.label}
            )
        is_requester = by is not None and by.pk == self.requester_id
        if not (by is not None and by.is_staff) and not (is_requester and to == S.CLOSED):
            raise PermissionDenied
        self.status = to
        now = timezone.now()
        if by.is_staff and self.first_answer_at is None:
            self.first_answer_at = now
        self.closed_at = now if to in (S.SETTLED, S.CLOSED) else None
        self._history_user = by
        self._change_reason = note or f"statut : {to.label}"
        self.save()
        notify_status_change(self, note)

    def touch_contact(self, by):
        now = timezone.now()
        self.last_contact_at = now
        fields = ["last_contact_at", "updated_at"]
        if by.is_staff and self.first_answer_at is None:
            self.first_answer_at = now
            fields.append("first_answer_at")
        self.save(update_fields=fields)

    def status_history(self):
        """(date, status label, who) each time the status changed, oldest first."""
        entries, previous = [], None
        for record in self.history.order_by("history_date", "history_id").select_related(
            "history_user"
        ):
            if record.status != previous:
                entries.append(
                    (record.history_date, DossierStatus(record.status).label, record.history_user)
                )
                previous = record.status
        return entries


class SupportRequest(models.Model):
    """One submission of the form, kept as it came (a second request joins the open dossier);
    its token makes a double click one request."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="requests")
    token = models.CharField(max_length=64, unique=True)
    data = models.JSONField(_("données envoyées"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demande reçue")
        verbose_name_plural = _("demandes reçues")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.dossier.reference} ({self.created_at:%d/%m/%Y})"


class Need(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("besoin"), max_length=20, choices=NeedKind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    details = models.CharField(_("précisions"), max_length=500, blank=True)
    partner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partenaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")
        ordering = ["dossier", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="one_need_of_a_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


class Message(models.Model):
    """The thread between the requester and the project lead (both see it)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_staff = models.BooleanField(_("de la cheffe de projet"), default=False)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.dossier.reference} — {self.created_at:%d/%m/%Y %H:%M}"


class Note(models.Model):
    """An internal note: never shown to the requester."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note interne"), max_length=5000)
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.dossier.reference} — {self.created_at:%d/%m/%Y}"


class ReferralQuerySet(models.QuerySet):
    def silent(self, days):
        return self.filter(
            status=ReferralStatus.SENT,
            sent_at__lt=timezone.now() - timedelta(days=days),
            reminded_at__isnull=True,
        )

    def per_partner(self):
        return (
            self.exclude(status=ReferralStatus.CANCELLED)
            .order_by("organisation__name")
            .values("organisation__name")
            .annotate(
                sent=Count("pk"),
                answered=Count("pk", filter=Q(status=ReferralStatus.ANSWERED)),
                yes=Count("pk", filter=Q(answer_yes=True)),
            )
        )


class Referral(models.Model):
    """A need handed to a partner, who answers through a signed link, without an account."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="referrals")
    need = models.ForeignKey(
        Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partenaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_name = models.CharField(_("nom du contact"), max_length=150)
    contact_email = models.EmailField(_("e-mail du contact"))
    question = models.CharField(
        _("question posée (oui / non)"),
        max_length=300,
        help_text=_("Par exemple : « Avez-vous un logement disponible à partir de mai ? »"),
    )
    summary = models.TextField(
        _("ce que le partenaire voit du dossier"),
        max_length=2000,
        help_text=_("Le strict nécessaire : ni adresse e-mail ni téléphone du demandeur."),
    )
    shares_family_data = models.BooleanField(
        _("partage des données de la famille"),
        default=False,
        help_text=_(
            "Le métier du conjoint, l’âge des enfants : le demandeur doit d’abord accepter."
        ),
    )
    requester_agreed_at = models.DateTimeField(_("accord du demandeur le"), null=True, blank=True)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SENT,
    )
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("relance le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    answer_yes = models.BooleanField(_("réponse"), null=True, blank=True)
    answer_text = models.TextField(_("réponse du partenaire"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("orientation vers un partenaire")
        verbose_name_plural = _("orientations vers des partenaires")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.dossier.reference} → {self.organisation or self.contact_name}"

    @property
    def shared_text(self):
        """Exactly what the partner will read."""
        lines = [self.summary]
        if self.shares_family_data:
            lines += self.dossier.family_summary
        return "\n".join(str(line) for line in lines if line)


class DocumentQuerySet(models.QuerySet):
    def delete_files(self):
        """Delete the rows and their files (a queryset delete alone would leave the files)."""
        documents = list(self)
        for document in documents:
            document.file.delete(save=False)
        return self.filter(pk__in=[d.pk for d in documents]).delete()


def document_path(document, filename):
    # A random name: the person's file name is kept in ``name``, never on the disk.
    return f"{document.dossier.reference}/{secrets.token_hex(16)}{os.path.splitext(filename)[1]}"


class Document(models.Model):
    """A file on a dossier (a CV, a diploma), from the requester or the project lead; its type
    is checked from its content and it is served only to its owner and to staff."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_staff = models.BooleanField(_("déposé par la cheffe de projet"), default=False)
    name = models.CharField(_("nom du fichier"), max_length=100)
    file = models.FileField(
        _("fichier"), upload_to=document_path, storage=document_storage, max_length=200
    )
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("taille (octets)"))
    scan_status = models.CharField(
        _("antivirus"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.NOT_SCANNED
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name

    @classmethod
    def store(cls, dossier, checked, name, by):
        """Save a file that passed ``support.documents.check_upload``."""
        from django.core.files.base import ContentFile

        from support.documents import display_name

        document = cls(
            dossier=dossier,
            uploaded_by=by,
            from_staff=bool(by and by.is_staff),
            name=display_name(name, checked.extension),
            content_type=checked.content_type,
            size=len(checked.data),
            scan_status=checked.scan.status,
        )
        document.file.save(f"document.{checked.extension}", ContentFile(checked.data), save=False)
        document.save()
        return document


class StaffRead(models.Model):
    """Who of the staff opened a dossier or one of its documents, and when (personal data,
    public body's duty)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reads")
    document = models.ForeignKey(
        Document,
        verbose_name=_("document téléchargé"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation d’un dossier")
        verbose_name_plural = _("consultations des dossiers")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} — {self.dossier.reference}"


class InstallationStep(models.Model):
    """A step of the installation path, kept by the project lead in the admin."""

    title = models.CharField(_("étape"), max_length=200)
    who = models.CharField(_("qui s’en occupe"), max_length=200)
    official_url = models.URLField(_("lien officiel"), blank=True)
    service_help = models.TextField(_("ce que le service peut faire"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("étape de l’installation")
        verbose_name_plural = _("étapes de l’installation")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class StepDone(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps_done")
    step = models.ForeignKey(InstallationStep, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("étape franchie")
        verbose_name_plural = _("étapes franchies")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "step"], name="one_tick_per_step")
        ]

    def __str__(self):
        return f"{self.dossier.reference} ✓ {self.step}"


class DigestSent(models.Model):
    """The daily digest went to this person on this day (so a second run sends nothing)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        verbose_name = _("résumé quotidien envoyé")
        verbose_name_plural = _("résumés quotidiens envoyés")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_a_day")]

    def __str__(self):
        return f"{self.user} {self.day}"


class Label(models.Model):
    """A label the project lead puts on dossiers (« priorité », « salon de Lyon »…)."""

    name = models.CharField(_("étiquette"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("étiquette")
        verbose_name_plural = _("étiquettes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SavedView(models.Model):
    """A pipeline filter a staff member keeps under a name, to come back to it in one click."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_views"
    )
    name = models.CharField(_("nom de la vue"), max_length=60)
    query = models.CharField(_("filtres"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vue enregistrée")
        verbose_name_plural = _("vues enregistrées")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="one_view_of_a_name")]

    def __str__(self):
        return self.name
