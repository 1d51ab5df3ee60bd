import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, connections
from django.middleware.csp import get_nonce

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Refuse the browser features the portal never uses (camera, microphone, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ExposeCspNonceMiddleware:
    """Expose Django's CSP nonce as ``request.csp_nonce``, where django-leaflet's admin widgets
    look for it, so that their inline scripts carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = get_nonce(request)
        return self.get_response(request)


class QueryCountHeaderMiddleware:
    """For the benchmark only: report how many SQL queries a request ran (X-Query-Count)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class RetrySafeRequestOnDroppedConnectionMiddleware:
    """A GET or HEAD whose database connection was dropped (PostgreSQL restarted, a proxy
    cut an idle connection) is answered by running its view once more on a new connection,
    instead of a 500. Safe requests change nothing, so running them twice is harmless; a
    request inside a transaction is not retried (the transaction is lost)."""

    SAFE_METHODS = {"GET", "HEAD"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if request.method not in self.SAFE_METHODS or getattr(request, "_database_retried", False):
            return None
        if any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
            return None
        request._database_retried = True
        logger.warning(
            "Database connection lost during %s %s: retried once", request.method, request.path
        )
        for conn in connections.all(initialized_only=True):
            conn.close()
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
