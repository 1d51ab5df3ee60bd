"""Public fragments: a part of a page (``{% public_fragment name value… %}`` in a template,
``kept(name, values, render)`` in a view) that is the same for every visitor, signed in or
not, rendered once per generation of the page cache (``vsa_portal.page_cache``: it moves at
every save of content or reference data), per language and per value given, and kept in Redis
for ``PAGE_CACHE_SECONDS``: what leaves by the clock (an event that has passed) leaves within
that time, as from the page cache.

Only for what shows public content and no visitor's state: no name, no CSRF token, no
favourite, nothing a visitor typed (a bound form is rendered outside). ``kept`` may keep a row
as a public page reads it (an offer and its related rows: unpickling it costs a tenth of
reading it), never to be saved back: counters are updated by ``UPDATE … SET n = n + 1``. A form or a FilterSet given as a value stands for its class and its bound data, so a
search form is rendered once per search, with its errors, whatever the page number (the form's
choices are reference data: a change to them moves the generation too).
"""

import hashlib

from django import forms
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import get_language
from django_filters import FilterSet

from vsa_portal import page_cache


def identity(value):
    """What in ``value`` changes the fragment, as text."""
    if isinstance(value, FilterSet):  # its data, without building its form (1 ms)
        names = [
            f"{value.form_prefix}-{name}" if value.form_prefix else name for name in value.filters
        ]
        return _form_identity(type(value), value.data, names, value.is_bound)
    if isinstance(value, forms.BaseForm):
        names = [value.add_prefix(name) for name in value.fields]
        return _form_identity(type(value), value.data, names, value.is_bound)
    if isinstance(value, Model):  # its row, not its name: two communes may share one
        return f"{value._meta.label}:{value.pk}"
    if isinstance(value, QuerySet):
        raise TypeError("A fragment is keyed by values, not by a queryset (it would be read).")
    return value if isinstance(value, str) else repr(value)


def _form_identity(owner, data, names, is_bound):
    """The form's class and the data its fields read (a field's widget may read several keys:
    ``name``, ``name_min``…); the rest of the query string (the page number) is not part of it."""
    names = tuple(names)
    prefixes = tuple(f"{name}_" for name in names)
    read = sorted(key for key in data if key in names or key.startswith(prefixes))
    items = [
        (key, tuple(data.getlist(key)) if hasattr(data, "getlist") else data[key]) for key in read
    ]
    return f"{owner.__module__}.{owner.__qualname__}|{is_bound}|{items!r}"


def fragment_key(name, values):
    digest = hashlib.sha256("\x1f".join(identity(value) for value in values).encode()).hexdigest()
    return f"fragments:{page_cache.generation()}:{get_language()}:{name}:{digest[:40]}"


def kept_or_404(name, key, read):
    """The row ``read()`` returns for a public page, kept as ``kept`` keeps it; a 404 when
    ``read()`` finds none (``None`` is not kept: read again at each request)."""
    row = kept(name, [key], read)
    if row is None:
        raise Http404
    return row


def kept(name, values, render):
    """What ``render()`` returns, rendered once per generation, language and ``values``."""
    key = fragment_key(name, values)
    content = cache.get(key)
    if content is None:
        content = render()
        cache.set(key, content, page_cache.PAGE_CACHE_SECONDS)
    return content
