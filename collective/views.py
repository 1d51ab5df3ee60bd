from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def landing(request):
    return render(request, "collective/landing.html")


@require_GET
def legal_notice(request):
    return render(request, "collective/legal_notice.html")


@require_GET
def personal_data(request):
    return render(
        request,
        "collective/personal_data.html",
        {"registration_retention_days": settings.REGISTRATION_RETENTION_DAYS},
    )


@require_GET
def accessibility(request):
    return render(request, "collective/accessibility.html")


@require_GET
def data_sources(request):
    return render(request, "collective/data_sources.html")
