"""What every search page shares: filtered results, pagination, shareable query strings."""

import django_filters
from django.core.paginator import Paginator
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


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


def paginate(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
