from django.contrib.gis.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.enums import ProfessionalStatus
from accounts.models import Profession
from offers.enums import OfferKind, Structure
from organisations.models import Organisation
from territory.models import Commune, HealthFacility, NearQuerySet, PlacedOnCommune
from vsa_portal.publication import Publishable, PublishableQuerySet


class OfferQuerySet(PublishableQuerySet, NearQuerySet):
    def available(self):
        """Published, not expired, not yet filled: what the list, the map and feeds show."""
        return self.published().filter(filled_on__isnull=True)

    def filled(self):
        return self.filter(filled_on__isnull=False)

    def mark_filled(self, on=None):
        """Filled on ``on`` (today by default), those not filled yet; return how many."""
        return self.filter(filled_on__isnull=True).update_shown(
            filled_on=on or timezone.localdate()
        )


class Offer(PlacedOnCommune, Publishable):
    kind = models.CharField(_("type d’offre"), max_length=30, choices=OfferKind.choices)
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), on_delete=models.PROTECT, related_name="offers"
    )
    title = models.CharField(_("titre"), max_length=160)
    description = models.TextField(_("description"))
    structure = models.CharField(_("structure"), max_length=30, choices=Structure.choices)
    facility = models.ForeignKey(
        HealthFacility,
        verbose_name=_("établissement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="offers"
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    days_per_week = models.DecimalField(
        _("jours par semaine"), max_digits=2, decimal_places=1, null=True, blank=True
    )
    retrocession_percent = models.PositiveSmallIntegerField(
        _("rétrocession (%)"), null=True, blank=True
    )
    salary_min = models.PositiveIntegerField(
        _("salaire brut mensuel minimum (€)"), null=True, blank=True
    )
    salary_max = models.PositiveIntegerField(
        _("salaire brut mensuel maximum (€)"), null=True, blank=True
    )
    has_secretariat = models.BooleanField(_("secrétariat"), default=False)
    practice_software = models.CharField(_("logiciel métier"), max_length=100, blank=True)
    housing_provided = models.BooleanField(_("logement proposé"), default=False)
    patient_base_size = models.PositiveIntegerField(
        _("taille de la patientèle"), null=True, blank=True
    )
    contact_name = models.CharField(_("nom du contact"), max_length=150)
    contact_email = models.EmailField(_("e-mail du contact"))
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    is_anonymous = models.BooleanField(
        _("offre anonyme"),
        default=False,
        help_text=_(
            "Le cabinet ou l’organisation reste caché (par exemple une succession pas encore "
            "annoncée aux patients) : la cheffe de projet relaie les prises de contact."
        ),
    )
    filled_on = models.DateField(_("pourvue le"), null=True, blank=True)
    published_snapshot = models.JSONField(
        _("dernière version publiée"), default=dict, blank=True, editable=False
    )

    SLUG_FALLBACK = "offre"

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre d’exercice")
        verbose_name_plural = _("offres d’exercice")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["-published_at", "-id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_range_in_order",
                violation_error_message=_("Le salaire minimum dépasse le maximum."),
            ),
            models.CheckConstraint(
                condition=models.Q(retrocession_percent__isnull=True)
                | models.Q(retrocession_percent__lte=100),
                name="offer_retrocession_is_a_percentage",
                violation_error_message=_("La rétrocession est un pourcentage (0 à 100)."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def hides_exact_place(self):
        # An anonymous offer is never placed more precisely than its commune: an exact point
        # (on the map, in distances) would point at the practice it must not reveal.
        return self.is_anonymous or super().hides_exact_place

    # What the moderation compares with the last published version.
    SNAPSHOT_FIELDS = [
        "organisation_id",
        "kind",
        "profession_id",
        "title",
        "description",
        "structure",
        "commune_id",
        "address",
        "place_precision",
        "start_date",
        "end_date",
        "days_per_week",
        "retrocession_percent",
        "salary_min",
        "salary_max",
        "has_secretariat",
        "practice_software",
        "housing_provided",
        "patient_base_size",
        "contact_name",
        "contact_email",
        "contact_phone",
        "is_anonymous",
        "expires_on",
    ]

    def snapshot(self):
        return {
            name: str(getattr(self, name)) if getattr(self, name) is not None else None
            for name in self.SNAPSHOT_FIELDS
        }

    def publish(self):
        super().publish()
        self.published_snapshot = self.snapshot()

    def changes_since_publication(self):
        """(field label, published value, current value) for what changed since publication."""
        if not self.published_snapshot:
            return []
        current = self.snapshot()
        changes = []
        for name in self.SNAPSHOT_FIELDS:
            if self.published_snapshot.get(name) != current[name]:
                field = self._meta.get_field(name.removesuffix("_id"))
                changes.append(
                    (field.verbose_name, self.published_snapshot.get(name), current[name])
                )
        return changes

    def get_absolute_url(self):
        return reverse("offers:detail", args=[self.pk, self.url_slug])

    @property
    def public_poster(self):
        """Who posted the offer, as visitors may see it (nobody when anonymous)."""
        if self.is_anonymous:
            return None
        if self.organisation_id:
            return self.organisation.name
        return None

    @property
    def is_filled(self):
        return self.filled_on is not None and self.filled_on <= timezone.localdate()

    @property
    def dates_label(self):
        """ "Du 3 mars 2027 au 17 mars 2027", "À partir du 3 mars 2027"…, or "" without dates:
        what a feed reader or a job board shows of the offer's period."""
        start = date_format(self.start_date, "j F Y") if self.start_date else ""
        end = date_format(self.end_date, "j F Y") if self.end_date else ""
        if start and end:
            return gettext("Du %(start)s au %(end)s") % {"start": start, "end": end}
        if start:
            return gettext("À partir du %(start)s") % {"start": start}
        if end:
            return gettext("Jusqu’au %(end)s") % {"end": end}
        return ""


class OfferContact(models.Model):
    """A professional's "Je suis intéressé·e": saved before any e-mail is sent."""

    CONSENT_VERSION = "2026-11"

    offer = models.ForeignKey(
        Offer, verbose_name=_("offre"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nom et prénom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    status = models.CharField(_("vous êtes"), max_length=20, choices=ProfessionalStatus.choices)
    message = models.TextField(_("message"), max_length=5000)
    consent_given_at = models.DateTimeField(_("consentement donné le"))
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        verbose_name = _("prise de contact")
        verbose_name_plural = _("prises de contact")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} → {self.offer}"
