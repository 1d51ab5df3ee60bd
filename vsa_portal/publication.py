"""The one publication workflow shared by everything partners post (offers, events, housing).

draft → submitted → published (or rejected with a reason) → expired / archived.
``published()`` is the only door to public pages.
"""

from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vsa_portal import page_cache
from vsa_portal.choice_labels import ChoiceLabelsMixin

# Sent (sender: the model, pks: the rows) after an update() of rows that visitors see: update()
# sends no save signal, and what a save keeps in step (the map layers, the search index)
# listens to this one too.
changed_in_bulk = Signal()


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Soumise à validation")
    PUBLISHED = "published", _("Publiée")
    REJECTED = "rejected", _("Refusée")
    EXPIRED = "expired", _("Expirée")
    ARCHIVED = "archived", _("Archivée")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published and not past its expiry date."""
        today = timezone.localdate()
        return self.filter(status=PublicationStatus.PUBLISHED).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
        )

    def past_expiry(self):
        return self.filter(status=PublicationStatus.PUBLISHED, expires_on__lt=timezone.localdate())

    def expire(self):
        """Mark as expired what is still published past its expiry date; return how many."""
        return self.past_expiry().update_shown(
            status=PublicationStatus.EXPIRED, updated_at=timezone.now()
        )

    def archive(self):
        """Taken down by the project lead (an admin action); return how many."""
        return self.update_shown(status=PublicationStatus.ARCHIVED, updated_at=timezone.now())

    def update_shown(self, **fields):
        """update() of what public pages show, telling the caches (no save signal is sent)."""
        pks = list(self.values_list("pk", flat=True))
        count = self.model._base_manager.filter(pk__in=pks).update(**fields)
        if count:
            page_cache.new_generation()
            changed_in_bulk.send(sender=self.model, pks=pks)
        return count


class Publishable(ChoiceLabelsMixin, models.Model):
    status = models.CharField(
        _("statut de publication"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    rejection_reason = models.TextField(_("motif du refus"), blank=True)
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True, editable=False)
    expires_on = models.DateField(
        _("date d’expiration"),
        null=True,
        blank=True,
        help_text=_("Le lendemain de cette date, le contenu quitte les pages publiques."),
    )
    is_demo = models.BooleanField(
        _("démo"), default=False, help_text=_("Contenu fictif de démonstration, signalé comme tel.")
    )
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    views_count = models.PositiveIntegerField(_("consultations"), default=0)
    contacts_count = models.PositiveIntegerField(_("prises de contact"), default=0)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        abstract = True

    SLUG_FALLBACK = "contenu"

    @property
    def url_slug(self):
        """The readable part of the item's URL, from its title (the pk makes it unique)."""
        return slugify(self.title)[:60].strip("-") or self.SLUG_FALLBACK

    def count_view(self, request):
        """One more visit of the public page, counted again each time the page cache serves it."""
        page_cache.count_visit(request, self)

    def submit(self):
        """Send to the project lead's moderation (a new submission replaces an old refusal)."""
        self.status = PublicationStatus.SUBMITTED
        self.rejection_reason = ""
        self.submitted_at = timezone.now()

    def withdraw(self):
        """Taken down by its organisation: kept, never shown again."""
        self.status = PublicationStatus.ARCHIVED
        self.withdrawn_at = timezone.now()

    def publish(self):
        self.status = PublicationStatus.PUBLISHED
        self.rejection_reason = ""
        self.published_at = self.published_at or timezone.now()

    @property
    def is_public(self):
        return self.status == PublicationStatus.PUBLISHED and (
            self.expires_on is None or self.expires_on >= timezone.localdate()
        )
