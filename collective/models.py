from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collective.enums import ContactSubject, Indicator
from support.enums import PracticeMode
from vsa_portal.publication import Publishable, PublishableQuerySet
from vsa_portal.rich_text import render_rich_text


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
    """A piece of news of the collective, on the publication workflow. The text is simple HTML
    (paragraphs, bold, italics, links, lists, headings), sanitised when shown; a text without
    any tag is read as plain paragraphs."""

    title = models.CharField(_("titre"), max_length=160)
    summary = models.CharField(_("chapeau"), max_length=300)
    body = models.TextField(
        _("texte"),
        max_length=20000,
        help_text=_(
            "Texte simple (une ligne vide entre deux paragraphes) ou HTML simple : <p>, "
            "<strong>, <em>, <a href>, listes, intertitres <h2> et <h3>. Le reste est retiré."
        ),
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

    @property
    def body_html(self):
        return render_rich_text(self.body)

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


class CommuneIndicatorQuerySet(models.QuerySet):
    def latest_vintage(self, indicator):
        """{INSEE code: (value, vintage)} of the most recently imported vintage, or {}."""
        last = (
            ObservatoryImport.objects.filter(indicator=indicator)
            .order_by("-imported_at", "-pk")
            .values_list("vintage", flat=True)
            .first()
        )
        if last is None:
            return {}
        rows = self.filter(indicator=indicator, vintage=last).values_list(
            "commune__insee_code", "value"
        )
        return {code: (value, last) for code, value in rows}


class CommuneIndicator(models.Model):
    """One official figure of a commune for one vintage (BPE, APL, RPPS), imported by the
    project lead; the observatory shows the most recent vintage imported."""

    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    indicator = models.CharField(_("indicateur"), max_length=30, choices=Indicator.choices)
    vintage = models.CharField(_("millésime"), max_length=40)
    value = models.DecimalField(_("valeur"), max_digits=10, decimal_places=2)

    objects = CommuneIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicateur d’une commune")
        verbose_name_plural = _("indicateurs des communes")
        ordering = ["indicator", "vintage", "commune"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "indicator", "vintage"], name="commune_indicator_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.vintage} — {self.commune_id}"


class ObservatoryImport(models.Model):
    """The record of one import of an official file into the observatory (the dashboard's
    "last imports")."""

    indicator = models.CharField(_("indicateur"), max_length=30, choices=Indicator.choices)
    vintage = models.CharField(_("millésime"), max_length=40)
    source = models.CharField(_("fichier ou source"), max_length=255)
    created = models.PositiveIntegerField(_("créés"), default=0)
    updated = models.PositiveIntegerField(_("modifiés"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangés"), default=0)
    skipped = models.PositiveIntegerField(_("lignes ignorées"), default=0)
    imported_at = models.DateTimeField(_("importé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("import de l’observatoire")
        verbose_name_plural = _("imports de l’observatoire")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.vintage}"
