import logging

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from vsa_portal import identity
from vsa_portal.health import run_checks

logger = logging.getLogger(__name__)


@require_GET
def home(request):
    from vsa_portal import kinds

    return render(request, "home.html", {"home_sections": kinds.home_sections()})


@never_cache
@require_GET
def healthz(request):
    """Public: ok or degraded per service; what went wrong goes to the log only."""
    results = run_checks()
    failed = sorted(name for name, error in results.items() if error)
    for name in failed:
        logger.error("Health check failed for %s: %s", name, results[name])
    body = {
        "status": "ok" if not failed else "degraded",
        "failed": failed,
        "checks": {name: "ok" if error is None else "degraded" for name, error in results.items()},
    }
    return JsonResponse(body, status=503 if failed else 200)


@require_GET
def media(request, path):
    """An uploaded file under MEDIA_ROOT (``serve`` refuses paths that leave it)."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
    response["Cache-Control"] = "public, max-age=86400"
    return response


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
    """Browsers ask for /favicon.ico on every page, the admin's included: the territory's logo,
    or the portal's plain mark."""
    if settings.TERRITORY["logo"]:
        return HttpResponseRedirect(identity.urls()["logo"])
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


YEAR = 365 * 24 * 3600


@require_GET
def theme_css(request):
    response = HttpResponse(identity.theme_css(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


@require_GET
def territory_logo(request):
    content = identity.logo_bytes()
    if content is None:
        raise Http404
    suffix = settings.TERRITORY["logo"].suffix.lower()
    response = HttpResponse(content, content_type=identity.LOGO_TYPES[suffix])
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    # An SVG opened on its own runs no script and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


def sitemap_xml(request):
    """The sitemap index: one sitemap per section and per registered public kind, with its last
    change, built from the registry at each request."""
    from django.contrib.sitemaps.views import index

    from vsa_portal.sitemaps import sitemaps

    return index(request, sitemaps=sitemaps(), sitemap_url_name="sitemap_section")


def sitemap_section(request, section):
    from django.contrib.sitemaps.views import sitemap

    from vsa_portal.sitemaps import sitemaps

    return sitemap(request, sitemaps=sitemaps(), section=section)
