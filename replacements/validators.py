"""The RPPS number: 11 digits whose last one is a Luhn check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def luhn_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_rpps(value):
    value = (value or "").strip()
    if len(value) != 11 or not value.isdigit():
        raise ValidationError(
            _("Le numéro RPPS compte exactement 11 chiffres (vous en avez saisi %(count)s).")
            % {"count": sum(c.isdigit() for c in value)},
            code="rpps_format",
        )
    if not luhn_valid(value):
        raise ValidationError(
            _(
                "Ce numéro RPPS n’est pas valide : son dernier chiffre (la clé de contrôle) ne "
                "correspond pas. Vérifiez-le sur votre carte CPS ou dans l’annuaire santé."
            ),
            code="rpps_check_digit",
        )


def with_check_digit(first_ten):
    """The 11-digit RPPS number whose first ten digits are given (demo and tests)."""
    for key in "0123456789":
        if luhn_valid(first_ten + key):
            return first_ten + key
    raise AssertionError("unreachable")
