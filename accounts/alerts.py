"""Saved searches: what is new since the last digest, and the signed unsubscribe link."""

from django.http import QueryDict
from django.urls import reverse

from outbox.unsubscribe import UnsubscribeLink

# An unsubscribe link works for half a year; after that, the alerts page does the same.
UNSUBSCRIBE = UnsubscribeLink(salt="accounts.alerts.unsubscribe")
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
    return UNSUBSCRIBE.token(saved_search)


def unsubscribe_url(saved_search):
    return reverse("accounts:unsubscribe", args=[unsubscribe_token(saved_search)])
