from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from vsa_portal.health import run_checks


@require_GET
def home(request):
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request):
    results = run_checks()
    failed = sorted(name for name, error in results.items() if error)
    body = {
        "status": "ok" if not failed else "error",
        "failed": failed,
        "checks": {name: "ok" if error is None else error for name, error in results.items()},
    }
    return JsonResponse(body, status=503 if failed else 200)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /healthz",
        "",
    ]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's included."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def sitemap_xml(request):
    """The sitemap of every registered public kind, built from the registry at each request."""
    from django.contrib.sitemaps.views import sitemap

    from vsa_portal.sitemaps import sitemaps

    return sitemap(request, sitemaps=sitemaps())
