from django.conf import settings
from django.db import connection
from django.middleware.csp import get_nonce


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
