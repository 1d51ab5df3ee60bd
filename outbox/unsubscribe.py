"""Signed links that stop e-mails (an alert, a digest) without logging in. The link carries a
signed number; a GET shows a confirmation button and changes nothing (mail scanners follow
links), the POST stops the e-mails."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.shortcuts import render

# A link works for half a year; after that, the person's own pages do the same.
MAX_AGE = timedelta(days=180)


@dataclass(frozen=True)
class UnsubscribeLink:
    salt: str  # one per kind of e-mail: a link signed for one never stops another
    max_age: timedelta = MAX_AGE

    def token(self, obj):
        return signing.dumps(obj.pk, salt=self.salt)

    def load(self, token, queryset):
        """The object of a valid link, None for a forged one or an object gone; an expired
        link raises ``signing.SignatureExpired``."""
        try:
            pk = signing.loads(token, salt=self.salt, max_age=self.max_age)
        except signing.SignatureExpired:
            raise
        except signing.BadSignature:
            return None
        return queryset.filter(pk=pk).first() if isinstance(pk, int) else None

    def page(self, request, token, *, queryset, stop, template, context_name="object"):
        """The link's page: ``template`` gets ``expired`` (410), ``invalid`` (404), or the
        object under ``context_name`` and ``done`` once ``stop(object)`` ran on the POST."""
        try:
            obj = self.load(token, queryset)
        except signing.SignatureExpired:
            return render(request, template, {"expired": True}, status=410)
        if obj is None:
            return render(request, template, {"invalid": True}, status=404)
        done = request.method == "POST"
        if done:
            stop(obj)
        response = render(request, template, {"done": done, context_name: obj})
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
