"""Who may look for a remplaçant (issue 19): a verified professional — a confirmed e-mail
address and an RPPS number checked (its format and check digit) or marked verified by the
project lead — or a confirmed member of a partner organisation; and the project lead. Never an
anonymous visitor, so never a search engine."""

import functools

from allauth.account.models import EmailAddress
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from organisations.access import partner_organisations
from replacements.validators import luhn_valid


def has_verified_email(user):
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def is_verified_professional(user):
    from replacements.models import ProfessionalCheck, ReplacementProfile

    if not has_verified_email(user):
        return False
    checked = ProfessionalCheck.objects.filter(user=user).first()
    if checked and (checked.verified or (checked.rpps and luhn_valid(checked.rpps))):
        return True
    # A remplaçant's own profile: the RPPS number is validated when it is saved.
    return ReplacementProfile.objects.filter(user=user).exclude(rpps="").exists()


def may_search(user):
    if not user.is_authenticated:
        return False
    if is_verified_professional(user) or partner_organisations(user).exists():
        return True
    return user.has_perm("replacements.view_replacementprofile")  # the project lead


def searcher_required(view):
    """Anonymous visitors go to the login page; others who may not search get a 403 that says
    how to become allowed."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_search(request.user):
            response = render(
                request,
                "replacements/not_allowed.html",
                {"has_verified_email": has_verified_email(request.user)},
                status=403,
            )
        else:
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"  # never in a search engine
        return response

    return wrapper
