from django.db import models
from django.utils.translation import gettext_lazy as _

from collective.enums import ContactSubject, OrganisationKind


class Organisation(models.Model):
    """A partner that posts offers, events or housing (members and logos come with accounts)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    description = models.TextField(_("présentation"), blank=True)
    is_founding_member = models.BooleanField(_("membre fondateur du collectif"), default=False)
    is_demo = models.BooleanField(_("démo"), default=False)

    class Meta:
        verbose_name = _("organisation partenaire")
        verbose_name_plural = _("organisations partenaires")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Membership(models.Model):
    """A person who acts for a partner organisation, once the project lead has confirmed it."""

    class Role(models.TextChoices):
        MEMBER = "membre", _("Membre")
        MANAGER = "responsable", _("Responsable")

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("invitée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(
        _("confirmée le"),
        null=True,
        blank=True,
        help_text=_("Vide tant que la cheffe de projet n’a pas confirmé ce membre."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membre d’une organisation")
        verbose_name_plural = _("membres des organisations")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation}"


class Invitation(models.Model):
    """A member invites a colleague; the project lead confirms; the colleague joins on sign-up
    (or at once, if they already have an account)."""

    email = models.EmailField(_("adresse e-mail"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("invitée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "organisation"], name="one_invitation_per_address"
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"


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
