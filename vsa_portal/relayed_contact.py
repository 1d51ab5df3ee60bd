"""The "write to the poster" form of a published item (an offer, a housing offer): the message is
saved first, counted on the item, then e-mailed through the outbox; nobody's address is shown."""

from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from vsa_portal.ratelimit import client_address, hit_all


def relay_contact(request, item, form, *, limits, render_detail, notify, refusal=""):
    """Answer the POST of ``form`` (a ModelForm whose ``save(item)`` stores the message).

    ``limits`` is (per client address, per e-mail); ``render_detail(form, status)`` renders the
    item's page again with the form and its errors; ``notify(contact, request)`` queues the
    e-mails; ``refusal`` is a reason the item takes no message at all (an offer filled)."""
    if refusal:
        form.add_error(None, refusal)
    if refusal or not form.is_valid():
        return render_detail(form, status=400)
    per_client, per_email = limits
    if not hit_all((per_client, client_address(request)), (per_email, form.cleaned_data["email"])):
        form.add_error(
            None, _("Trop de messages envoyés en peu de temps : réessayez dans une heure.")
        )
        return render_detail(form, status=429)
    with transaction.atomic():
        contact = form.save(item)
        type(item).objects.filter(pk=item.pk).update(contacts_count=F("contacts_count") + 1)
        notify(contact, request)
    messages.success(
        request, _("Votre message a été transmis. Vous allez recevoir une copie par e-mail.")
    )
    return redirect(item.get_absolute_url() + "#contact")
