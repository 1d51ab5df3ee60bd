"""Saved searches: what is new since the last digest, and the signed unsubscribe link."""

from datetime import timedelta

from django.core import signing
from django.http import QueryDict
from django.urls import reverse

UNSUBSCRIBE_SALT = "accounts.alerts.unsubscribe"
# An unsubscribe link works for half a year; after that, the alerts page does the same.
UNSUBSCRIBE_MAX_AGE = timedelta(days=180)
DIGEST_LIMIT = 20


def new_items(saved_search, since):
    """Items of the saved search's kind that match its filters and are new since ``since``;
    None if the kind is gone or the filters no longer validate (a commune removed since)."""
    kind = saved_search.content_kind
    if kind is None or not kind.alert:
        return None
    filterset = kind.alert.filterset_class(
        QueryDict(saved_search.querystring), queryset=kind.alert.queryset()
    )
    if not filterset.is_valid():
        return None
    return kind.alert.new_since(filterset.qs, since)


def unsubscribe_token(saved_search):
    return signing.dumps(saved_search.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(saved_search):
    return reverse("accounts:unsubscribe", args=[unsubscribe_token(saved_search)])


def saved_search_from_token(token):
    """The saved search of a valid link, None for a forged one; an expired link raises
    ``signing.SignatureExpired``."""
    from accounts.models import SavedSearch

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
    return SavedSearch.objects.filter(pk=pk).first()
