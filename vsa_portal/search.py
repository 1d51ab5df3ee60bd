"""What every search page shares: filtered results, pagination, shareable query strings."""

from django.core.paginator import Paginator


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
