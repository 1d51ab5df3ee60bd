from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from interns.enums import PupilsLevel, SiteKind, Speaker, Specialty, VisitStatus
from territory.models import Commune, HealthFacility, Measured, NearQuerySet
from vsa_portal.publication import Publishable, PublishableQuerySet


class Faculty(models.Model):
    """A faculty of medicine whose interns come to the territory (seeded from data/)."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    website = models.URLField(_("site web"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("faculté de médecine")
        verbose_name_plural = _("facultés de médecine")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class InternshipSiteQuerySet(PublishableQuerySet, NearQuerySet):
    pass


class InternshipSite(Measured, Publishable):
    """A terrain de stage: a hospital service, or the practice of a maître de stage universitaire."""

    name = models.CharField(_("nom du terrain de stage"), max_length=200)
    site_kind = models.CharField(_("type de terrain"), max_length=30, choices=SiteKind.choices)
    specialty = models.CharField(_("spécialité"), max_length=30, choices=Specialty.choices)
    faculty = models.ForeignKey(
        Faculty, verbose_name=_("faculté"), on_delete=models.PROTECT, related_name="sites"
    )
    facility = models.ForeignKey(
        HealthFacility,
        verbose_name=_("établissement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="internship_sites",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="internship_sites",
    )
    point = models.PointField(
        _("position"),
        srid=4326,
        blank=True,
        help_text=_("Vide : celle de l’établissement, sinon celle de la mairie de la commune."),
    )
    places_per_semester = models.PositiveSmallIntegerField(
        _("places par semestre"), default=1, validators=[MaxValueValidator(50)]
    )
    internat_on_site = models.BooleanField(_("internat sur place"), default=False)
    supervisor = models.CharField(_("responsable ou maître de stage"), max_length=150, blank=True)
    contact_name = models.CharField(_("nom du contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail du contact"), blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "L’identifiant de la ligne du fichier importé : un nouvel import la met à jour."
        ),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    SLUG_FALLBACK = "terrain-de-stage"

    objects = InternshipSiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("terrain de stage")
        verbose_name_plural = _("terrains de stage")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["status", "specialty"])]

    def __str__(self):
        return self.name

    @property
    def title(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.point:
            self.point = (self.facility.point if self.facility_id else None) or (
                self.commune.reference_point
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("interns:site_detail", args=[self.pk, self.url_slug])


class SchoolVisitRequest(models.Model):
    """A lycée asks for a physician or an intern to come and talk about medical studies: saved
    first, then e-mailed to the project lead, who follows it up here."""

    CONSENT_VERSION = "2026-11"

    school = models.CharField(_("établissement scolaire"), max_length=200)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    contact_name = models.CharField(_("vos nom et prénom"), max_length=150)
    contact_role = models.CharField(
        _("votre fonction"), max_length=100, help_text=_("Professeur principal, CPE, proviseur…")
    )
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    level = models.CharField(_("niveau des élèves"), max_length=20, choices=PupilsLevel.choices)
    pupils = models.PositiveSmallIntegerField(
        _("nombre d’élèves (environ)"), validators=[MaxValueValidator(2000)]
    )
    speaker = models.CharField(
        _("vous souhaitez rencontrer"),
        max_length=20,
        choices=Speaker.choices,
        default=Speaker.EITHER,
    )
    period = models.CharField(
        _("période souhaitée"), max_length=200, help_text=_("Par exemple : « mars, un jeudi »")
    )
    message = models.TextField(_("message"), max_length=3000, blank=True)
    consent_given_at = models.DateTimeField(_("consentement donné le"))
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20)
    status = models.CharField(
        _("statut"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.NEW
    )
    notes = models.TextField(_("notes de suivi"), blank=True)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("demande d’intervention en lycée")
        verbose_name_plural = _("demandes d’intervention en lycée")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.school} ({self.get_status_display()})"
