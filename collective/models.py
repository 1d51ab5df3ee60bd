from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collective.enums import ContactSubject
from support.enums import PracticeMode
from vsa_portal.publication import Publishable, PublishableQuerySet


class ContactMessageQuerySet(models.QuerySet):
    def past_retention(self, now=None):
        """Messages older than the retention period (``CONTACT_MESSAGE_RETENTION_DAYS``)."""
        from datetime import timedelta

        from django.conf import settings
        from django.utils import timezone

        now = now or timezone.now()
        return self.filter(
            created_at__lt=now - timedelta(days=settings.CONTACT_MESSAGE_RETENTION_DAYS)
        )


class ContactMessage(models.Model):
    """A message to the project lead from the contact page: saved first, then e-mailed."""

    CONSENT_VERSION = "2026-12"

    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    subject = models.CharField(_("sujet"), max_length=20, choices=ContactSubject.choices)
    message = models.TextField(_("message"), max_length=5000)
    consent_given_at = models.DateTimeField(_("consentement donné le"))
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20)
    handled = models.BooleanField(_("traité"), default=False)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message reçu par la page Contact")
        verbose_name_plural = _("messages reçus par la page Contact")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} — {self.get_subject_display()}"


class TeamMember(models.Model):
    """Someone of the team the visitor may reach: a role and an organisational contact (the
    service's address, a switchboard), never a personal phone unless entered on purpose."""

    name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("rôle"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(
        _("adresse e-mail professionnelle"),
        blank=True,
        help_text=_("Une adresse du service ou de l’organisation."),
    )
    phone = models.CharField(
        _("téléphone professionnel"),
        max_length=30,
        blank=True,
        help_text=_("Le standard ou la ligne du service : jamais un numéro personnel."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_demo = models.BooleanField(_("démo"), default=False)

    class Meta:
        verbose_name = _("membre de l’équipe")
        verbose_name_plural = _("l’équipe")
        ordering = ["position", "name", "pk"]

    def __str__(self):
        return f"{self.name} — {self.role}"


class NewsQuerySet(PublishableQuerySet):
    def latest(self):
        return self.published().select_related("organisation").order_by("-published_at", "-pk")


class News(Publishable):
    """A piece of news of the collective, on the publication workflow. The text is plain text:
    paragraphs are separated by a blank line, nothing is read as HTML."""

    title = models.CharField(_("titre"), max_length=160)
    summary = models.CharField(_("chapeau"), max_length=300)
    body = models.TextField(
        _("texte"),
        max_length=20000,
        help_text=_("Texte simple : laissez une ligne vide entre deux paragraphes."),
    )
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(
        _("description de l’image"),
        max_length=200,
        blank=True,
        help_text=_("Ce que montre l’image, pour qui ne la voit pas."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation autrice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    SLUG_FALLBACK = "actualite"

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("collective:news_detail", args=[self.pk, self.url_slug])


class TestimonialQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_published=True, consent_given_at__isnull=False)


class Testimonial(models.Model):
    """A physician who settled tells why, with their written consent (the date is kept)."""

    name = models.CharField(
        _("nom affiché"), max_length=150, help_text=_("Par exemple « Dr Claire M. »")
    )
    quote = models.TextField(_("témoignage"), max_length=3000)
    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune d’installation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("année d’installation"),
        validators=[MinValueValidator(1980), MaxValueValidator(2100)],
    )
    mode = models.CharField(_("mode d’exercice"), max_length=20, choices=PracticeMode.choices)
    photo = models.ImageField(_("photo"), upload_to="testimonials/", blank=True)
    consent_given_at = models.DateField(
        _("consentement écrit donné le"),
        help_text=_("Sans consentement daté, le témoignage n’est pas publié."),
    )
    dossier = models.ForeignKey(
        "support.Dossier",
        verbose_name=_("dossier d’accompagnement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(_("publié"), default=False)
    is_demo = models.BooleanField(_("démo"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = TestimonialQuerySet.as_manager()

    class Meta:
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.commune}, {self.year})"
