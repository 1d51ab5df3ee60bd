from django.db import models
from django.utils.translation import gettext_lazy as _

from collective.enums import ContactSubject


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
