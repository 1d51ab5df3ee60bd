"""``get_FOO_display()`` without rebuilding every choice's label at each call.

Django's version builds a dict of all the field's choices, hashing (so translating) each lazy
label, every time it is called: 57 µs a call, 80 calls and 4.6 ms for a list of 20 offers. Here
the labels of a field are translated once per language.
"""

import functools

from django.utils.translation import get_language


@functools.cache
def _labels(field, language):
    return {value: str(label) for value, label in field.flatchoices}


class ChoiceLabelsMixin:
    """Listed before ``models.Model`` (or an abstract model) in a model's bases."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return _labels(field, get_language()).get(value, value)
        except TypeError:  # choices or a value that cannot be hashed: Django's own way
            return super()._get_FIELD_display(field)
