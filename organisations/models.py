from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.enums import OrganisationKind


class Organisation(models.Model):
    """A partner that posts offers, events or housing (members and logos come with accounts)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    description = models.TextField(_("présentation"), blank=True)
    is_founding_member = models.BooleanField(_("membre fondateur du collectif"), default=False)
    role = models.TextField(
        _("rôle dans le collectif"),
        max_length=500,
        blank=True,
        help_text=_("Une ou deux phrases, affichées sur la page « Le collectif »."),
    )
    is_public = models.BooleanField(
        _("présentée sur la page « Le collectif »"),
        default=False,
        help_text=_(
            "Cochez pour les partenaires du collectif (pas pour un cabinet ou un bailleur)."
        ),
    )
    is_demo = models.BooleanField(_("démo"), default=False)

    class Meta:
        db_table = "collective_organisation"  # the table kept its name when the model moved
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
        db_table = "collective_membership"
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
        db_table = "collective_invitation"
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
