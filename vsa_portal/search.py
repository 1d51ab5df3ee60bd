"""What every search page shares: filtered results, pagination, shareable query strings."""

import datetime
import decimal
import hashlib

import django_filters
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject, cached_property
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from vsa_portal import fragments, page_cache


class NamedChoiceIterator(ModelChoiceIterator):
    """The options as (key, name) pairs read with ``values_list``: no model instance per option
    and no server-side cursor (a select of 151 communes, 3 ms, then 0.4 ms)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", "name")


class NamedModelChoiceField(ModelChoiceField):
    iterator = NamedChoiceIterator


class NamedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice among rows whose label is their ``name`` field (communes, professions, CPTS)."""

    field_class = NamedModelChoiceField


def filtered(filterset):
    """The filtered queryset, or nothing when a filter is invalid (the form says which)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


PLAIN_PARAMETERS = (str, int, float, bool, type(None), datetime.date, decimal.Decimal)


def count_key(queryset):
    """The cache key of a list's count: its SQL and parameters under the page cache's
    generation (moved on by every save of content). None when a parameter cannot be written
    down faithfully, or is a moment (``now()``: the key would never be met again)."""
    if not isinstance(queryset, QuerySet):
        return None
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # .none(): nothing to count
        return None
    written = []
    for param in params:
        if isinstance(param, datetime.datetime) or not (
            isinstance(param, PLAIN_PARAMETERS) or hasattr(param, "ewkb")
        ):
            return None
        written.append(bytes(param.ewkb).hex() if hasattr(param, "ewkb") else repr(param))
    digest = hashlib.sha256(f"{sql}|{'|'.join(written)}".encode()).hexdigest()[:40]
    return f"counts:{page_cache.generation()}:{digest}"


class CachedCountPaginator(Paginator):
    """A paginator whose count is kept in Redis until content changes: counting 100,000 offers
    takes 20 ms, for every page of the list and every visitor, signed in or not. Keyed by the
    list's SQL, or, when the list is all its search says (``search``: the page's path and its
    FilterSet), by that search, as the list's results fragment is (writing the SQL out to key
    it took longer than reading the count)."""

    def __init__(self, *args, search=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.search = search

    @cached_property
    def count(self):
        def uncached():
            return Paginator.count.func(self)

        if self.search is not None:
            return fragments.kept("list-count", list(self.search), uncached)
        return cached_count(self.object_list, uncached)


def cached_count(queryset, count):
    """``count()`` of ``queryset``, kept in Redis under ``count_key`` when it has one."""
    key = count_key(queryset)
    if key is None:
        return count()
    value = cache.get(key)
    if value is None:
        value = count()
        cache.set(key, value, page_cache.PAGE_CACHE_SECONDS)
    return value


class DeferredResults:
    """A list's results, built when first read: on a page whose results and count are kept
    (a fragment), the search is never applied: its form not validated, its commune not read,
    its query not written (a third of a list's rendering)."""

    def __init__(self, build):
        self._build = build

    @cached_property
    def queryset(self):
        return self._build()

    def count(self):
        return self.queryset.count()

    def __getitem__(self, key):
        return SimpleLazyObject(lambda: list(self.queryset[key]))


def paginate(request, queryset, per_page, search=None):
    """A page of ``queryset``; ``search``: its FilterSet, when the list is all the search says
    (the count is then kept for the page's path and that search). ``queryset`` may be a
    function that returns it: it is then called only if the page's rows or count are read."""
    if callable(queryset):
        queryset = DeferredResults(queryset)
    paginator = CachedCountPaginator(
        queryset, per_page, search=None if search is None else (request.path, search)
    )
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
