"""The project lead's moderation actions, shared by everything that goes through the
publication workflow (offers, events…): bulk publish, bulk reject with a reason.

Publishing shows what is about to go public first, and publishes only the versions shown: an
item edited by its poster in the meantime is left for another review."""

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


def moderation_version(item):
    """What identifies the version the project lead reviewed: it changes with every save."""
    return item.updated_at.isoformat() if item.updated_at else ""


class ModerationActionsMixin:
    def notify_decision(self, item):
        """Tell the poster; each admin says how."""

    @admin.action(description=_("Publier la sélection"), permissions=["change"])
    def publish(self, request, queryset):
        items = list(
            queryset.exclude(status=PublicationStatus.PUBLISHED).select_related("organisation")
        )
        if "confirm_publish" not in request.POST:
            return TemplateResponse(
                request,
                "admin/moderation/publish.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.model._meta,
                    "items": [(item, moderation_version(item)) for item in items],
                    "title": _("Publier"),
                },
            )
        published, changed = [], []
        with transaction.atomic():
            for item in self.model.objects.select_for_update().filter(
                pk__in=[item.pk for item in items]
            ):
                if request.POST.get(f"version-{item.pk}") != moderation_version(item):
                    changed.append(item)
                    continue
                item.publish()
                item.save()
                self.notify_decision(item)
                published.append(item)
        messages.success(request, _("%(count)s élément(s) publié(s).") % {"count": len(published)})
        if changed:
            messages.warning(
                request,
                _("Modifié(s) depuis votre relecture, donc non publié(s) : %(titles)s.")
                % {"titles": ", ".join(str(item) for item in changed)},
            )
        return None

    @admin.action(description=_("Refuser la sélection (avec un motif)"), permissions=["change"])
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
