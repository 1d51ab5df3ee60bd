from datetime import timedelta

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.measure import D
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Profession
from replacements.coverage import Period
from replacements.enums import (
    AvailabilityKind,
    NameDisplay,
    ReplacementStatus,
    Secretariat,
    Weekday,
)
from replacements.validators import validate_rpps
from territory.models import Commune, reference_point

# A listing its owner has not confirmed for this long is hidden until they confirm it.
CONFIRMATION_VALID_FOR = timedelta(days=91)
# The owner is reminded by e-mail this long before their listing is hidden.
CONFIRMATION_REMINDER_BEFORE = timedelta(days=7)


class ReplacementProfileQuerySet(models.QuerySet):
    def listed(self, today=None):
        """What searchers may see: consent given, licence (for an intern) not ended, and the
        listing confirmed by its owner within the last three months."""
        today = today or timezone.localdate()
        now = timezone.now()
        return self.filter(
            Q(status=ReplacementStatus.THESED)
            | Q(status=ReplacementStatus.LICENSED_INTERN, licence_ends_on__gte=today),
            consent_to_list=True,
            confirmed_at__gte=now - CONFIRMATION_VALID_FOR,
        )

    def to_remind(self, now=None):
        """Listings hidden within a week unless confirmed, whose owner has not been reminded
        since their last confirmation."""
        now = now or timezone.now()
        hidden_at = now - CONFIRMATION_VALID_FOR
        return self.listed().filter(
            Q(confirmation_reminded_at__isnull=True)
            | Q(confirmation_reminded_at__lt=F("confirmed_at")),
            confirmed_at__lt=hidden_at + CONFIRMATION_REMINDER_BEFORE,
            is_demo=False,
        )

    def available(self, start, end, place=None, km=0, kind=""):
        """Listed profiles with a current availability overlapping [start, end], in reach of
        ``place`` (a commune) within ``km`` more kilometres, of that kind if one is given."""
        periods = Availability.objects.current().overlapping(start, end)
        if place is not None:
            periods = periods.reaching(place, km)
        if kind:
            periods = periods.filter(kind=kind)
        return self.listed().filter(Exists(periods.filter(profile=OuterRef("pk"))))


class ReplacementProfile(models.Model):
    """A remplaçant's listing: who they are, the conditions they accept, their consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="replacement_profile",
    )
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("statut"), max_length=20, choices=ReplacementStatus.choices)
    licence_ends_on = models.DateField(
        _("fin de la licence de remplacement"),
        null=True,
        blank=True,
        help_text=_(
            "Pour un·e interne : la date de fin de la licence délivrée par l’Ordre. Le profil "
            "n’est plus affiché après cette date."
        ),
    )
    rpps = models.CharField(
        _("numéro RPPS"),
        max_length=11,
        validators=[validate_rpps],
        help_text=_("Les 11 chiffres de votre carte CPS ou de l’annuaire santé."),
    )
    verified = models.BooleanField(
        _("vérifié par la cheffe de projet"),
        default=False,
        help_text=_("Cochez après avoir vérifié le numéro RPPS dans l’annuaire santé."),
    )
    verified_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    software = models.CharField(
        _("logiciels métier connus"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : Weda, MédiStory, Crossway."),
    )
    fee_share = models.PositiveSmallIntegerField(
        _("rétrocession minimale (% des honoraires)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, _("Un pourcentage est compris entre 0 et 100.")),
            MaxValueValidator(100, _("Un pourcentage est compris entre 0 et 100.")),
        ],
    )
    secretariat = models.CharField(
        _("secrétariat"), max_length=20, choices=Secretariat.choices, default=Secretariat.EITHER
    )
    home_visits = models.BooleanField(_("accepte les visites à domicile"), default=False)
    on_call = models.BooleanField(_("accepte les gardes"), default=False)
    needs_housing = models.BooleanField(_("cherche un logement sur place"), default=False)
    name_display = models.CharField(
        _("nom affiché"), max_length=20, choices=NameDisplay.choices, default=NameDisplay.INITIALS
    )
    consent_to_list = models.BooleanField(
        _("accepte d’être présenté·e aux médecins qui cherchent un remplaçant"), default=False
    )
    consent_given_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    digest_opt_in = models.BooleanField(
        _(
            "recevoir chaque matin les offres de remplacement qui correspondent à mes disponibilités"
        ),
        default=False,
        help_text=_(
            "Un e-mail par jour au plus, seulement s’il y a une nouvelle offre à vos dates et "
            "dans votre secteur ; un lien dans chaque e-mail suffit pour l’arrêter."
        ),
    )
    confirmed_at = models.DateTimeField(_("annonce confirmée le"), default=timezone.now)
    confirmation_reminded_at = models.DateTimeField(
        _("rappel de confirmation envoyé le"), null=True, blank=True
    )
    contacts_count = models.PositiveIntegerField(_("prises de contact"), default=0)
    is_demo = models.BooleanField(_("démo"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ReplacementProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil de remplaçant")
        verbose_name_plural = _("profils de remplaçants")
        ordering = ["-confirmed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ReplacementStatus.LICENSED_INTERN)
                | Q(licence_ends_on__isnull=False),
                name="replacement_intern_has_licence_end",
                violation_error_message=_(
                    "Indiquez la date de fin de votre licence de remplacement."
                ),
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.status == ReplacementStatus.LICENSED_INTERN and not self.licence_ends_on:
            raise ValidationError(
                {"licence_ends_on": _("Indiquez la date de fin de votre licence de remplacement.")}
            )

    def get_absolute_url(self):
        return reverse("replacements:detail", args=[self.pk])

    @property
    def title(self):
        return self.display_name

    @property
    def display_name(self):
        """The name searchers see: full or initials, as the remplaçant chose."""
        first, last = self.user.first_name, self.user.last_name
        if self.name_display == NameDisplay.FULL and (first or last):
            return f"{first} {last}".strip()
        initials = "".join(f"{part[0].upper()}." for part in (first, last) if part)
        return initials or _("Remplaçant·e")

    @property
    def needs_confirmation(self):
        return self.confirmed_at < timezone.now() - CONFIRMATION_VALID_FOR

    @property
    def hidden_on(self):
        """The day the listing is hidden unless its owner confirms it."""
        return timezone.localdate(self.confirmed_at + CONFIRMATION_VALID_FOR)

    @property
    def licence_ended(self):
        return (
            self.status == ReplacementStatus.LICENSED_INTERN
            and self.licence_ends_on is not None
            and self.licence_ends_on < timezone.localdate()
        )

    def confirm(self):
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_at", "updated_at"])

    def withdraw_consent(self):
        self.consent_to_list = False
        self.save(update_fields=["consent_to_list", "updated_at"])


class HasAWeekdayBetween(Func):
    """True if a day between two dates (included) falls on one of the weekdays (Monday = 0)."""

    output_field = models.BooleanField()
    template = (
        "EXISTS (SELECT 1 FROM generate_series((%(first)s)::date, (%(last)s)::date, "
        "interval '1 day') AS shared(day) "
        "WHERE EXTRACT(ISODOW FROM shared.day)::smallint - 1 = ANY(%(weekdays)s))"
    )

    def as_sql(self, compiler, connection, **extra_context):
        compiled = [compiler.compile(expression) for expression in self.source_expressions]
        parts = dict(zip(("first", "last", "weekdays"), (sql for sql, _ in compiled), strict=True))
        return self.template % parts, [param for _, params in compiled for param in params]


class AvailabilityQuerySet(models.QuerySet):
    def current(self, today=None):
        """Periods that have not ended: past ones disappear by themselves."""
        return self.filter(ends_on__gte=today or timezone.localdate())

    def overlapping(self, start, end):
        """Periods sharing at least one of their days with [start, end]: the dates overlap and,
        for a weekly pattern, one of the shared days is among its weekdays."""
        shared_first = Greatest(F("starts_on"), Value(start, output_field=models.DateField()))
        shared_last = Least(F("ends_on"), Value(end, output_field=models.DateField()))
        return self.filter(starts_on__lte=end, ends_on__gte=start).filter(
            Q(weekdays=[]) | Q(HasAWeekdayBetween(shared_first, shared_last, F("weekdays")))
        )

    def reaching(self, place, km=0):
        """Periods whose area reaches ``place`` (a commune): a radius around a commune that
        comes within ``km`` of it, or a list of communes one of which is within ``km``."""
        origin = reference_point(place)
        listed = Availability.communes.through.objects.filter(availability=OuterRef("pk"))
        if km:
            listed = listed.filter(commune__centroid__distance_lte=(origin, D(km=km)))
        else:
            listed = listed.filter(commune=place)
        return self.annotate(_distance_m=Distance("point", origin)).filter(
            Q(point__isnull=False, _distance_m__lte=(F("radius_km") + km) * 1000)
            | Q(Exists(listed))
        )


class Availability(models.Model):
    """A period when a remplaçant is free, possibly only some days of each week, and where."""

    profile = models.ForeignKey(
        ReplacementProfile,
        verbose_name=_("remplaçant"),
        on_delete=models.CASCADE,
        related_name="availabilities",
    )
    kind = models.CharField(
        _("type de remplacement"),
        max_length=20,
        choices=AvailabilityKind.choices,
        default=AvailabilityKind.ONE_OFF,
    )
    starts_on = models.DateField(_("disponible à partir du"))
    ends_on = models.DateField(_("jusqu’au (inclus)"))
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=_("jours de la semaine"),
        default=list,
        blank=True,
        help_text=_("Laissez vide si vous êtes disponible tous les jours de la période."),
    )
    centre = models.ForeignKey(
        Commune,
        verbose_name=_("autour de la commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    radius_km = models.PositiveSmallIntegerField(
        _("dans un rayon de (km)"),
        default=30,
        validators=[MaxValueValidator(150, _("Un rayon de 150 km au plus."))],
    )
    point = models.PointField(_("position du centre"), srid=4326, null=True, blank=True)
    communes = models.ManyToManyField(
        Commune, verbose_name=_("ou dans ces communes"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    objects = AvailabilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("disponibilité")
        verbose_name_plural = _("disponibilités")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["ends_on", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="availability_dates_in_order",
                violation_error_message=_("La date de fin précède la date de début."),
            ),
        ]

    def __str__(self):
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.point = self.centre.reference_point if self.centre_id else None
        super().save(*args, **kwargs)

    @property
    def period(self):
        return Period(self.starts_on, self.ends_on, tuple(sorted(self.weekdays)))

    @property
    def weekday_labels(self):
        return [Weekday(day).label for day in sorted(self.weekdays)]


class ReplacementContact(models.Model):
    """A message from a physician to a remplaçant, relayed by the portal: saved before any
    e-mail is sent; the remplaçant's address is never shown."""

    profile = models.ForeignKey(
        ReplacementProfile,
        verbose_name=_("remplaçant"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expéditeur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    starts_on = models.DateField(_("remplacement du"), null=True, blank=True)
    ends_on = models.DateField(_("au"), null=True, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune du cabinet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("prise de contact (remplaçant)")
        verbose_name_plural = _("prises de contact (remplaçants)")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.sender} → {self.profile}"


class ProfessionalCheck(models.Model):
    """A physician who looks for a remplaçant gives their RPPS number (checked on entry), or
    the project lead marks them verified; kept here rather than on the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="replacement_search_check",
    )
    rpps = models.CharField(_("numéro RPPS"), max_length=11, blank=True, validators=[validate_rpps])
    verified = models.BooleanField(_("vérifié par la cheffe de projet"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("vérification de professionnel")
        verbose_name_plural = _("vérifications de professionnels")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.user)


class OfferMatchQuerySet(models.QuerySet):
    def real(self):
        """What the key figures count: never a demo profile or a demo offer."""
        return self.filter(is_demo=False)

    def to_send(self, since):
        """Matches not yet e-mailed, recorded since ``since``, for remplaçants who opted in and
        are still listed."""
        return self.filter(
            sent_at__isnull=True,
            created_at__gte=since,
            profile__digest_opt_in=True,
            profile__in=ReplacementProfile.objects.listed(),
        )


class OfferMatch(models.Model):
    """A published replacement offer whose dates and place a listed remplaçant's availability
    covers, at least in part: recorded once, e-mailed in the daily digest if they opted in, and
    counted in the key figures. The offer is another rubric's content: it is referred to by its
    number, read through the registry of kinds."""

    profile = models.ForeignKey(
        ReplacementProfile,
        verbose_name=_("remplaçant"),
        on_delete=models.CASCADE,
        related_name="offer_matches",
    )
    offer_pk = models.PositiveBigIntegerField(_("numéro de l’offre"))
    full = models.BooleanField(_("couvre toute la période"), default=False)
    is_demo = models.BooleanField(_("démo"), default=False)
    created_at = models.DateTimeField(_("relevée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    objects = OfferMatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("correspondance avec une offre")
        verbose_name_plural = _("correspondances avec des offres")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "offer_pk"], name="offer_match_once"),
        ]

    def __str__(self):
        return f"{self.profile} ↔ {self.offer_pk}"
