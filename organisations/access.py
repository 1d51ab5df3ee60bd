"""Who may act for which organisation: every partner view goes through these helpers."""

import functools

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from organisations.models import Organisation


def partner_organisations(user):
    return Organisation.objects.filter(
        memberships__user=user, memberships__confirmed_at__isnull=False
    )


def partner_required(view):
    """Logged in, and a confirmed member of at least one organisation."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        organisations = list(partner_organisations(request.user))
        if not organisations:
            return render(request, "partners/not_a_member.html", status=403)
        request.partner_organisations = organisations
        return view(request, *args, **kwargs)

    return wrapper


def get_for_partner(request, queryset, **lookup):
    """The object if it belongs to one of the user's organisations; 404 otherwise, so that a
    forged id of another organisation's content reveals nothing, not even that it exists."""
    return get_object_or_404(queryset, organisation__in=request.partner_organisations, **lookup)
