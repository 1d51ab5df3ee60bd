"""The aids catalogue: an aid is data (amount, audience, conditions with their legal source),
checked by the typed rules of ``aids.rules``; adding an aid needs the admin, not a developer."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aids.enums import (
    AidKind,
    AidStatus,
    AmountKind,
    ConditionType,
    Funder,
    Level,
)

STALE_AFTER_DAYS = 183  # six months without a check: the project lead is told
PUBLIC_STATUSES = (AidStatus.OPEN, AidStatus.CLOSED)


class AidQuerySet(models.QuerySet):
    def published(self):
        """What visitors see: open aids and, for the history of existing dossiers, closed ones."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def open(self):
        """What the simulator may offer: open to new applicants."""
        return self.filter(status=AidStatus.OPEN)

    def stale(self, today=None):
        today = today or timezone.localdate()
        return self.filter(last_checked__lt=today - timedelta(days=STALE_AFTER_DAYS))

    def for_audience(self, audience):
        """Aids with no audience condition, or one that names ``audience``."""
        audience_conditions = Condition.objects.filter(
            aid=OuterRef("pk"), type=ConditionType.AUDIENCE
        )
        return self.filter(
            ~Exists(audience_conditions)
            | Exists(audience_conditions.filter(values__contains=[audience]))
        )

    def in_catalogue_order(self):
        return self.order_by("position", "title", "pk")


class Aid(models.Model):
    title = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d’URL"), max_length=100, unique=True)
    summary = models.TextField(_("en bref"))
    funder = models.CharField(_("financeur"), max_length=30, choices=Funder.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("nature"), max_length=20, choices=AidKind.choices)
    amount_kind = models.CharField(_("type de montant"), max_length=20, choices=AmountKind.choices)
    amount_value = models.DecimalField(
        _("montant (€ ou %)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Le montant, le montant mensuel, le pourcentage ou le bas de la fourchette."),
    )
    amount_max = models.DecimalField(
        _("montant maximal (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount_text = models.CharField(
        _("montant en toutes lettres"),
        max_length=255,
        help_text=_("Ce que lit le visiteur : « 10 000 € en une fois », « +10 % »…"),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"), null=True, blank=True, help_text=_("Durée du versement ou du contrat.")
    )
    commitment = models.TextField(_("durée et engagement"), blank=True)
    cumulation = models.TextField(_("cumul avec d’autres aides"), blank=True)
    how_to_apply = models.TextField(_("comment la demander"))
    source_url = models.URLField(_("source"), max_length=500)
    source_label = models.CharField(_("nom de la source"), max_length=255)
    last_checked = models.DateField(_("vérifiée le"))
    status = models.CharField(
        _("statut"), max_length=12, choices=AidStatus.choices, default=AidStatus.DRAFT
    )
    closed_since = models.DateField(
        _("fermée aux nouvelles demandes depuis le"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("ordre dans le catalogue"), default=100)
    is_demo = models.BooleanField(_("démo"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = AidQuerySet.as_manager()

    class Meta:
        verbose_name = _("aide")
        verbose_name_plural = _("aides")
        ordering = ["position", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_value__isnull=True) | Q(amount_value__gte=0),
                name="aid_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_max__isnull=True) | Q(amount_max__gte=0),
                name="aid_amount_max_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=AidStatus.CLOSED) | Q(closed_since__isnull=False),
                name="aid_closed_has_a_date",
                violation_error_message=_("Une aide fermée indique depuis quand."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("aids:detail", args=[self.slug])

    def clean(self):
        if self.status == AidStatus.CLOSED and not self.closed_since:
            raise ValidationError(
                {"closed_since": _("Indiquez depuis quand l’aide est fermée aux demandes.")}
            )
        needs_value = (AmountKind.ONCE, AmountKind.PER_MONTH, AmountKind.PERCENTAGE)
        if self.amount_kind in needs_value and self.amount_value is None:
            raise ValidationError({"amount_value": _("Ce type de montant demande un montant.")})
        if self.amount_kind == AmountKind.RANGE and self.amount_max is None:
            raise ValidationError({"amount_max": _("Une fourchette demande un maximum.")})
        if (
            self.amount_max is not None
            and self.amount_value is not None
            and self.amount_max < self.amount_value
        ):
            raise ValidationError({"amount_max": _("Le maximum est inférieur au minimum.")})

    @property
    def is_closed(self):
        return self.status == AidStatus.CLOSED

    def is_stale(self, today=None):
        today = today or timezone.localdate()
        return self.last_checked < today - timedelta(days=STALE_AFTER_DAYS)

    def year_one_estimate(self):
        """What the aid brings in its first year, in euros, where it can be computed."""
        if self.amount_kind == AmountKind.ONCE:
            return self.amount_value
        if self.amount_kind == AmountKind.PER_MONTH and self.amount_value is not None:
            return self.amount_value * min(12, self.duration_months or 12)
        if self.amount_kind == AmountKind.RANGE:
            return self.amount_max
        return None

    def period_estimate(self):
        """What it brings over the whole payment or commitment period, where computable."""
        if self.amount_kind == AmountKind.ONCE:
            return self.amount_value
        if self.amount_kind == AmountKind.PER_MONTH and self.duration_months:
            return self.amount_value * Decimal(self.duration_months)
        return None


class Condition(models.Model):
    """One typed condition of an aid; its type names the one check function of aids.rules."""

    aid = models.ForeignKey(
        Aid, verbose_name=_("aide"), on_delete=models.CASCADE, related_name="conditions"
    )
    type = models.CharField(_("type"), max_length=30, choices=ConditionType.choices)
    values = ArrayField(
        models.CharField(max_length=50),
        verbose_name=_("valeurs"),
        blank=True,
        default=list,
        help_text=_(
            "Séparées par des virgules : zones (zip, zac), publics, modes, secteurs, codes "
            "INSEE, SIREN ou financeurs de la règle des dix ans, selon le type."
        ),
    )
    number = models.DecimalField(
        _("nombre"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Jours par semaine, ou années de la règle des dix ans."),
    )
    label = models.CharField(
        _("énoncé"),
        max_length=255,
        blank=True,
        help_text=_("En français simple ; obligatoire pour un justificatif ou un engagement."),
    )
    legal_source = models.CharField(_("texte de référence"), max_length=255)
    source_url = models.URLField(_("adresse du texte"), max_length=500, blank=True)
    valid_from = models.DateField(_("règle applicable depuis le"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["aid", "position", "pk"]

    def __str__(self):
        return f"{self.aid} : {self.get_type_display()}"

    def clean(self):
        from aids.rules import validate_condition

        errors = validate_condition(self)
        if errors:
            raise ValidationError(errors)

    @property
    def is_territorial(self):
        from aids.enums import TERRITORIAL_CONDITIONS

        return self.type in TERRITORIAL_CONDITIONS

    def describe(self):
        from aids.rules import describe

        return describe(self)
