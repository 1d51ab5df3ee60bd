from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ATTEMPTS = 20  # with the task's backoff, about a day of trying
MAX_BACKOFF_SECONDS = 3600


class OutgoingEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def to_sweep(self, older_than_minutes=2):
        """Unsent e-mails that no task is retrying any more (broker outage, lost worker).

        A row attempted less than the longest backoff ago is still in its task's retry chain.
        """
        now = timezone.now()
        retry_window = now - timedelta(seconds=MAX_BACKOFF_SECONDS + 300)
        return (
            self.unsent()
            .filter(
                created_at__lte=now - timedelta(minutes=older_than_minutes),
                attempts__lt=MAX_ATTEMPTS,
            )
            .filter(
                models.Q(last_attempt_at__isnull=True) | models.Q(last_attempt_at__lte=retry_window)
            )
        )


class OutgoingEmail(models.Model):
    """Every e-mail the portal sends is a row first; Celery sends it and stamps ``sent_at``."""

    to = models.JSONField(_("destinataires"))
    cc = models.JSONField(_("copie"), default=list, blank=True)
    reply_to = models.JSONField(_("répondre à"), default=list, blank=True)
    subject = models.CharField(_("objet"), max_length=255)
    body = models.TextField(_("message"))
    # Links that open an account or act on it (password reset, address confirmation, signed
    # links): the body is then shown to superusers only. On unless the sender says otherwise.
    contains_secret = models.BooleanField(
        _("contient un lien personnel"),
        default=True,
        help_text=_("Le message n’est alors affiché qu’aux administrateurs techniques."),
    )
    attachments = models.JSONField(_("pièces jointes"), default=list, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_attempt_at = models.DateTimeField(_("dernière tentative le"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
