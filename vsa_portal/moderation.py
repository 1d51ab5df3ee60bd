"""The project lead's moderation actions, shared by everything that goes through the
publication workflow (offers, events…): bulk publish, bulk reject with a reason."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from vsa_portal.publication import PublicationStatus


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus, envoyé à l’organisation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ModerationActionsMixin:
    def notify_decision(self, item):
        """Tell the poster; each admin says how."""

    @admin.action(description=_("Publier la sélection"))
    def publish(self, request, queryset):
        items = list(queryset.exclude(status=PublicationStatus.PUBLISHED))
        with transaction.atomic():
            for item in items:
                item.publish()
                item.save()
                self.notify_decision(item)
        messages.success(request, _("%(count)s élément(s) publié(s).") % {"count": len(items)})

    @admin.action(description=_("Refuser la sélection (avec un motif)"))
    def reject(self, request, queryset):
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            items = list(queryset.exclude(status=PublicationStatus.REJECTED))
            with transaction.atomic():
                for item in items:
                    item.status = PublicationStatus.REJECTED
                    item.rejection_reason = form.cleaned_data["reason"]
                    item.save()
                    self.notify_decision(item)
            messages.success(request, _("%(count)s élément(s) refusé(s).") % {"count": len(items)})
            return None
        return TemplateResponse(
            request,
            "admin/moderation/reject.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "items": queryset,
                "form": form,
                "title": _("Refuser"),
            },
        )
