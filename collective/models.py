from django.db import models
from django.utils.translation import gettext_lazy as _

from collective.enums import OrganisationKind


class Organisation(models.Model):
    """A partner that posts offers, events or housing (members and logos come with accounts)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("présentation"), blank=True)
    is_founding_member = models.BooleanField(_("membre fondateur du collectif"), default=False)
    is_demo = models.BooleanField(_("démo"), default=False)

    class Meta:
        verbose_name = _("organisation partenaire")
        verbose_name_plural = _("organisations partenaires")
        ordering = ["name"]

    def __str__(self):
        return self.name
