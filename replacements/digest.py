"""The signed link that stops the daily digest of matching offers, without logging in."""

from django.urls import reverse

from outbox.unsubscribe import UnsubscribeLink

# After half a year, unticking the box on the profile does the same.
UNSUBSCRIBE = UnsubscribeLink(salt="replacements.digest.unsubscribe")


def unsubscribe_url(profile):
    return reverse("replacements:digest_unsubscribe", args=[UNSUBSCRIBE.token(profile)])
