from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import ProfessionalStatus
from agenda.enums import Audience, EventKind, RegistrationMode, RegistrationStatus
from organisations.models import Organisation
from territory.models import Commune, NearQuerySet
from vsa_portal.publication import PublicationStatus, Publishable, PublishableQuerySet


class EventQuerySet(PublishableQuerySet, NearQuerySet):
    def upcoming(self):
        return self.published().filter(ends_at__gte=timezone.now())

    def past(self):
        return self.published().filter(ends_at__lt=timezone.now())


class Event(Publishable):
    title = models.CharField(_("titre"), max_length=160)
    kind = models.CharField(_("type d’événement"), max_length=30, choices=EventKind.choices)
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name=_("publics"),
        default=list,
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    point = models.PointField(_("position"), srid=4326, null=True, blank=True)
    online_url = models.URLField(_("lien de connexion (en ligne)"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    description = models.TextField(_("description"))
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    registration_mode = models.CharField(
        _("inscription"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(_("lien d’inscription externe"), blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)

    SLUG_FALLBACK = "evenement"

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("La fin précède le début."),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.point is None and self.commune_id:
            self.point = self.commune.reference_point
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda:detail", args=[self.pk, self.url_slug])

    @property
    def audience_labels(self):
        return [
            Audience(audience).label for audience in self.audiences if audience in Audience.values
        ]

    @property
    def takes_registrations(self):
        return self.registration_mode == RegistrationMode.PORTAL and self.ends_at >= timezone.now()

    @property
    def is_over(self):
        """Past (it has ended) or expired: nothing of it changes any more."""
        return (
            self.status == PublicationStatus.EXPIRED
            or self.ends_at < timezone.now()
            or (self.expires_on is not None and self.expires_on < timezone.localdate())
        )

    @property
    def partner_can_edit(self):
        """Whether its organisation may still edit it from the partner space."""
        return (
            self.status
            in (
                PublicationStatus.DRAFT,
                PublicationStatus.REJECTED,
                PublicationStatus.SUBMITTED,
                PublicationStatus.PUBLISHED,
            )
            and not self.is_over
        )


class RegistrationQuerySet(models.QuerySet):
    def owner_confirmed(self):
        """Registrations the address's owner stands behind (not requests still unconfirmed):
        what an organiser sees and exports."""
        return self.exclude(status=RegistrationStatus.PENDING)


class Registration(models.Model):
    CONSENT_VERSION = "2026-11"

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("nom et prénom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    profile = models.CharField(_("vous êtes"), max_length=20, choices=ProfessionalStatus.choices)
    status = models.CharField(_("statut"), max_length=12, choices=RegistrationStatus.choices)
    consent_given_at = models.DateTimeField(_("consentement donné le"))
    consent_version = models.CharField(_("version du consentement"), max_length=20)
    email_confirmed_at = models.DateTimeField(
        _("adresse confirmée le"),
        null=True,
        blank=True,
        help_text=_(
            "Quand le titulaire de l’adresse a confirmé l’inscription (lien ou compte vérifié)."
        ),
    )
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per person and event: a second attempt with the same
            # address (whatever its case) takes no second seat and sends no second confirmation.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="one_active_registration_per_email",
                violation_error_message=_("Cette adresse est déjà inscrite à cet événement."),
            )
        ]

    def __str__(self):
        return f"{self.name} — {self.event}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def holds_a_seat(self):
        return self.status == RegistrationStatus.CONFIRMED


def normalise_email(email):
    """The form in which registrations compare and store addresses."""
    return (email or "").strip().lower()
