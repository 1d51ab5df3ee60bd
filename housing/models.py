import secrets

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.enums import ProfessionalStatus
from housing.enums import HousingAudience, HousingType
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from territory.models import Commune, NearQuerySet, PlacedOnCommune
from vsa_portal.publication import Publishable, PublishableQuerySet

MAX_PHOTOS = 8


class HousingQuerySet(PublishableQuerySet, NearQuerySet):
    def available(self):
        """Published, not expired: what the list, the map and the commune pages show."""
        return self.published()

    def awaiting_landlord_confirmation(self):
        """Housing of private landlords that the project lead has not yet confirmed."""
        return self.filter(
            organisation__kind=OrganisationKind.LANDLORD,
            organisation__landlord_confirmation__isnull=True,
        )

    def with_total_rent(self):
        return self.annotate(total_rent=F("rent") + F("charges"))


class Housing(PlacedOnCommune, Publishable):
    title = models.CharField(_("titre"), max_length=160)
    description = models.TextField(_("description"))
    housing_type = models.CharField(
        _("type de logement"), max_length=30, choices=HousingType.choices
    )
    furnished = models.BooleanField(_("meublé"), default=False)
    rent = models.PositiveIntegerField(
        _("loyer mensuel hors charges (€)"),
        validators=[MinValueValidator(1, _("Le loyer doit être supérieur à zéro."))],
    )
    charges = models.PositiveIntegerField(_("charges mensuelles (€)"), default=0)
    deposit = models.PositiveIntegerField(_("dépôt de garantie (€)"), null=True, blank=True)
    surface = models.PositiveSmallIntegerField(_("surface (m²)"), null=True, blank=True)
    available_from = models.DateField(_("disponible à partir du"))
    available_until = models.DateField(
        _("disponible jusqu’au"),
        null=True,
        blank=True,
        help_text=_("Laissez vide si le logement reste disponible sans date de fin."),
    )
    min_stay_months = models.PositiveSmallIntegerField(
        _("durée minimale (mois)"), null=True, blank=True
    )
    max_stay_months = models.PositiveSmallIntegerField(
        _("durée maximale (mois)"), null=True, blank=True
    )
    fits_winter_semester = models.BooleanField(
        _("convient au semestre d’hiver (novembre à avril)"), default=False
    )
    fits_summer_semester = models.BooleanField(
        _("convient au semestre d’été (mai à octobre)"), default=False
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=HousingAudience.choices),
        verbose_name=_("publics"),
        default=list,
    )
    accessible = models.BooleanField(
        _("accessible aux personnes à mobilité réduite"), default=False
    )
    parking = models.BooleanField(_("stationnement"), default=False)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="housing"
    )
    contact_name = models.CharField(_("nom du contact"), max_length=150)
    contact_email = models.EmailField(_("e-mail du contact"))
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation ou propriétaire"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="housing",
    )

    SLUG_FALLBACK = "logement"

    objects = HousingQuerySet.as_manager()

    class Meta:
        verbose_name = _("logement")
        verbose_name_plural = _("logements")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "housing_type"]),
            models.Index(fields=["available_from"]),
            models.Index(fields=["-published_at", "-id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rent__gt=0),
                name="housing_rent_positive",
                violation_error_message=_("Le loyer doit être supérieur à zéro."),
            ),
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="housing_dates_in_order",
                violation_error_message=_("La date de fin précède la date de début."),
            ),
            models.CheckConstraint(
                condition=Q(min_stay_months__isnull=True)
                | Q(max_stay_months__isnull=True)
                | Q(min_stay_months__lte=F("max_stay_months")),
                name="housing_stays_in_order",
                violation_error_message=_("La durée minimale dépasse la durée maximale."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("housing:detail", args=[self.pk, self.url_slug])

    @property
    def total_rent(self):
        return self.rent + self.charges

    @property
    def audience_labels(self):
        return [
            HousingAudience(value).label
            for value in self.audiences
            if value in HousingAudience.values
        ]

    @property
    def is_from_landlord(self):
        return bool(self.organisation_id) and self.organisation.kind == OrganisationKind.LANDLORD

    @property
    def public_poster(self):
        """Who posted it, as visitors see it: a private landlord's name is never shown."""
        if not self.organisation_id:
            return None
        if self.organisation.kind == OrganisationKind.LANDLORD:
            return _("un propriétaire particulier vérifié par la cheffe de projet")
        return self.organisation.name


def photo_path(photo, filename):
    # A random name: the file's address reveals nothing, and nothing guessable.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"logements/{secrets.token_hex(16)}.{extension}"


class HousingPhoto(models.Model):
    housing = models.ForeignKey(
        Housing, verbose_name=_("logement"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=photo_path)
    alt_text = models.CharField(
        _("description de la photo"),
        max_length=200,
        help_text=_(
            "Ce que montre la photo, pour les personnes qui ne la voient pas : "
            "« la chambre, avec un bureau sous la fenêtre »."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo de logement")
        verbose_name_plural = _("photos de logement")
        ordering = ["housing", "position", "pk"]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse("housing:photo", args=[self.pk])


class LandlordConfirmation(models.Model):
    """The project lead has checked who a private landlord is (identity, that the housing is
    theirs): only then may their housing go to moderation, so that scam offers aimed at interns
    never reach them."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("propriétaire particulier"),
        on_delete=models.CASCADE,
        related_name="landlord_confirmation",
        limit_choices_to={"kind": OrganisationKind.LANDLORD},
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("confirmé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        _("vérifications faites"),
        blank=True,
        help_text=_("Pièce d’identité vue, titre de propriété, échange téléphonique…"),
    )

    class Meta:
        verbose_name = _("confirmation de propriétaire")
        verbose_name_plural = _("confirmations de propriétaires")
        ordering = ["-confirmed_at"]

    def __str__(self):
        return str(self.organisation)


class HousingContact(models.Model):
    """A message to the person who offers the housing, relayed by the portal: saved before any
    e-mail is sent; the poster's address is never shown."""

    CONSENT_VERSION = "2026-11"

    housing = models.ForeignKey(
        Housing, verbose_name=_("logement"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nom et prénom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    status = models.CharField(_("vous êtes"), max_length=20, choices=ProfessionalStatus.choices)
    arrival = models.DateField(_("arrivée souhaitée"), null=True, blank=True)
    departure = models.DateField(_("départ prévu"), null=True, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    consent_given_at = models.DateTimeField(_("consentement donné le"))
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        verbose_name = _("demande de contact (logement)")
        verbose_name_plural = _("demandes de contact (logements)")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} → {self.housing}"
