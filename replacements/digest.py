"""The signed link that stops the daily digest of matching offers, without logging in."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

UNSUBSCRIBE_SALT = "replacements.digest.unsubscribe"
# A link works for half a year; after that, unticking the box on the profile does the same.
UNSUBSCRIBE_MAX_AGE = timedelta(days=180)


def unsubscribe_url(profile):
    token = signing.dumps(profile.pk, salt=UNSUBSCRIBE_SALT)
    return reverse("replacements:digest_unsubscribe", args=[token])


def profile_from_token(token):
    """The profile of a valid link, None for a forged one or a deleted profile; an expired link
    raises ``signing.SignatureExpired``."""
    from replacements.models import ReplacementProfile

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
    return ReplacementProfile.objects.filter(pk=pk).first() if isinstance(pk, int) else None
