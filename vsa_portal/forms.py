"""What every public and partner form shares: single-line fields hold a single line."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters (CR, LF, tab, NUL…) and the Unicode line separators.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# In a text area, line breaks and tabs are text; the other control characters are not.
CONTROL_CHARACTERS_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_single_line(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Ce champ tient sur une ligne : retirez les retours à la ligne et les tabulations."),
            code="control_characters",
        )


def validate_text(value):
    if isinstance(value, str) and CONTROL_CHARACTERS_IN_TEXT.search(value):
        raise ValidationError(
            _("Ce texte contient des caractères invisibles non autorisés."),
            code="control_characters",
        )


class SingleLineFieldsMixin:
    """Put first in a form's bases: every text field refuses control characters (a title with
    a line break would break the e-mail headers it ends up in); text areas keep line breaks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            if isinstance(field.widget, forms.Textarea):
                field.validators.append(validate_text)
            else:
                field.validators.append(validate_single_line)
