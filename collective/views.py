from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collective.forms import ContactForm
from outbox.services import queue_email

CONTACT_RATE_WINDOW = 3600  # seconds


@require_GET
def landing(request):
    return render(request, "collective/landing.html")


@require_GET
def key_figures(request):
    from collective.figures import SMALL_COUNT, key_figures

    return render(
        request,
        "collective/key_figures.html",
        {"key_figures": key_figures(), "small_count": SMALL_COUNT},
    )


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


def _contact_rate_key(request):
    return f"contact-page:{request.META.get('REMOTE_ADDR', '')}"


def _over_contact_limit(request):
    """Whether this client address sent too many messages this hour. The cache degrades: with
    Redis down, nobody is limited and every message is still saved."""
    return (cache.get(_contact_rate_key(request)) or 0) >= settings.CONTACT_RATE_LIMIT


def _count_contact(request):
    key = _contact_rate_key(request)
    cache.set(key, (cache.get(key) or 0) + 1, timeout=CONTACT_RATE_WINDOW)


def notify_contact_message(contact_message):
    # The project lead's addresses (the setting, else the administrators), as for offers.
    from accounts.roles import project_lead_emails

    recipients = project_lead_emails()
    if not recipients:
        return None  # saved: the project lead reads it in the admin
    return queue_email(
        to=recipients,
        reply_to=[contact_message.email],
        subject=(
            f"[{settings.PORTAL['SHORT_NAME']}] Page Contact : "
            f"{contact_message.get_subject_display()} — {contact_message.name}"
        ),
        body=render_to_string(
            "collective/emails/contact.txt",
            {"contact": contact_message, "portal": settings.PORTAL},
        ),
    )


def _contact_page(request, form, status=200):
    context = {"form": form, "retention_days": settings.CONTACT_MESSAGE_RETENTION_DAYS}
    return render(request, "collective/contact.html", context, status=status)


@require_http_methods(["GET", "POST"])
def contact(request):
    if request.method == "GET":
        return _contact_page(request, ContactForm())
    form = ContactForm(request.POST)
    if _over_contact_limit(request):
        form.is_valid()  # keeps what was typed, with its errors if any
        form.add_error(
            None,
            _(
                "Vous avez envoyé plusieurs messages en peu de temps : réessayez dans une heure. "
                "Votre texte est conservé ci-dessous."
            ),
        )
        return _contact_page(request, form, status=429)
    if not form.is_valid():
        return _contact_page(request, form, status=400)
    with transaction.atomic():
        contact_message = form.save()
        notify_contact_message(contact_message)
    _count_contact(request)
    messages.success(
        request,
        _(
            "Merci, votre message est bien parvenu à la cheffe de projet santé : elle vous répond "
            "par e-mail."
        ),
    )
    return redirect("collective:contact")
