"""Whole pages cached in Redis for visitors who are not signed in.

A visitor with no session cookie and no pending message sees the same page as every other such
visitor, so the page is rendered once per *generation* and served from Redis until the next save
or deletion of anything a page shows (content, territory data, partners…) moves the generation
on: a page published by the project lead is on the site at the next request. What leaves by the
clock (an event that has passed) leaves within ``PAGE_CACHE_SECONDS``; the nightly expiry and
the bulk loading commands move the generation on themselves (``new_generation()``), and so does
every ``migrate`` (a deployment).

A page with a form (an offer's contact form) is stored with a placeholder where Django wrote the
visitor's CSRF token, and each hit writes the new visitor's own token there; the page is not
stored if any token of the visitor is left elsewhere in it. A page that counts its visits
(``count_visit``) counts each hit too.

Never stored: a response to anyone with a session (signed in, or a visitor's session with a
simulator's answers or a form's state), one that sets a cookie, that rendered a CSP nonce (per
visitor), that showed a message or wrote the session, that is not a 200, or that says
``private`` / ``no-store`` / ``no-cache`` (``@never_cache``). The headers other middlewares add on the way out
(CSP, frame options, gzip) are added again on every hit, since this middleware sits inside them.
"""

import contextlib
import functools
import hashlib
import re

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from vsa_portal.cache import next_generation

PAGE_CACHE_SECONDS = 300
GENERATION_KEY = "pages:generation"
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
TOKEN_LIKE = re.compile(rb"[a-zA-Z0-9]{%d}" % CSRF_TOKEN_LENGTH)
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Cache-Control")
# Rows written while people read or sign in, never shown on a public page: saving them must not
# empty the cache (every login, every staff read of a dossier, every e-mail sent would).
IGNORED_APPS = frozenset({"sessions", "admin", "contenttypes", "outbox", "account", "mfa"})
IGNORED_MODELS = frozenset({"support.staffread", "support.digestsent"})


# Within a request the generation is read once (the page's key, each fragment's key): a page is
# rendered under one generation, and a save during the request forgets it (new_generation).
_this_request = Local()


def generation():
    remembered = getattr(_this_request, "generation", None)
    if remembered is not None:
        return remembered
    value = cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 0
    if getattr(_this_request, "active", False):
        _this_request.generation = value
    return value


@contextlib.contextmanager
def one_generation_per_request():
    _this_request.active, _this_request.generation = True, None
    try:
        yield
    finally:
        _this_request.active, _this_request.generation = False, None


def cache_key(request):
    digest = hashlib.sha256(
        f"{request.get_host()}|{get_language()}|{request.get_full_path()}".encode()
    ).hexdigest()[:40]
    return f"pages:{generation()}:{digest}"


def _may_be_cached(request):
    return (
        request.method in ("GET", "HEAD")
        and "Authorization" not in request.headers  # an API client with its token
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
    )


def _messages_shown(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or bool(storage._queued_messages))


def _may_be_stored(request, response):
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not (session is not None and session.modified)
        and not response.cookies
        and not get_nonce(request)  # evaluated only when a template used it
        and not _messages_shown(request)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_generation_per_request():
            return self._cached_or_rendered(request)

    def _cached_or_rendered(self, request):
        if not _may_be_cached(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            return self._response(request, stored)
        response = self.get_response(request)
        if _may_be_stored(request, response):
            content = _without_csrf_tokens(request, response.content)
            if content is not None:
                headers = {name: response[name] for name in STORED_HEADERS if name in response}
                visits = getattr(request, "page_cache_visits", [])
                cache.set(key, (content, headers, visits), PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
        return response

    def _response(self, request, stored):
        content, headers, visits = stored
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        for label, pk in visits:
            _count(label, pk)
        response = HttpResponse(content, headers=headers)
        # The page was rendered for a visitor without a session: a signed-in person's request
        # never reaches this branch, so shared caches must key on the cookie as Django does.
        patch_vary_headers(response, ("Cookie",))
        response["X-Page-Cache"] = "hit"
        return response


def _without_csrf_tokens(request, content):
    """The page with a placeholder for each CSRF field, or None if the visitor's secret could
    still be read in it (a token written elsewhere than in a form's hidden field)."""
    secret = request.META.get("CSRF_COOKIE")  # the visitor's, from their cookie or made now
    if not secret:
        return content
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    if secret.encode() in content:
        return None
    for candidate in TOKEN_LIKE.findall(content):
        if _unmask_cipher_token(candidate.decode()) == secret:
            return None
    return content


def _count(label, pk):
    # A visit lost if PostgreSQL crashed within the next few hundred milliseconds matters less
    # than waiting for the disk on every page view: committed without waiting for the WAL flush.
    # Inside someone else's transaction, SET LOCAL would last until that one commits.
    model = apps.get_model(label)
    if connection.in_atomic_block:
        model.objects.filter(pk=pk).update(views_count=F("views_count") + 1)
        return
    # one round trip instead of four (BEGIN, SET, UPDATE, COMMIT: half of a cached page's
    # time): the statements together, with the table and key written by Django and int()
    quote = connection.ops.quote_name
    table, key, count = quote(model._meta.db_table), quote(model._meta.pk.column), "views_count"
    update = f"UPDATE {table} SET {count} = {count} + 1 WHERE {key} = {int(pk)}"  # noqa: S608
    with connection.cursor() as cursor:
        try:
            cursor.execute(f"BEGIN; SET LOCAL synchronous_commit TO OFF; {update}; COMMIT")
        except DatabaseError:
            with contextlib.suppress(DatabaseError):
                cursor.execute("ROLLBACK")  # the transaction BEGIN opened, left aborted
            raise


def count_visit(request, item):
    """One more visit of ``item``'s page (its ``views_count``), now and at every cache hit."""
    _count(item._meta.label, item.pk)
    request.page_cache_visits = [
        *getattr(request, "page_cache_visits", []),
        (item._meta.label, item.pk),
    ]


@functools.cache
def _is_shown(sender):
    """Whether saving a row of this model can change a public page (once per model)."""
    meta = sender._meta
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def content_changed(sender, update_fields=None, **kwargs):
    if not _is_shown(sender) or update_fields == frozenset({"last_login"}):
        return
    new_generation()
    # and once the rows are visible to others: a request that read the new generation before
    # the commit rendered the old rows under it, which would otherwise stay for everyone
    transaction.on_commit(new_generation)


def new_generation(**kwargs):
    next_generation(GENERATION_KEY)
    _this_request.generation = None


def connect():
    post_save.connect(content_changed, dispatch_uid="page-cache-save")
    post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
    # Settings only change at run time in tests (override_settings); a page may show them.
    setting_changed.connect(new_generation, dispatch_uid="page-cache-settings")
    # A deployment runs migrate: what the previous release rendered (its templates, its
    # fingerprinted static URLs) leaves the cache with it.
    # (sent once per application with models; the portal's own has none)
    post_migrate.connect(new_generation, dispatch_uid="page-cache-deploy")
