from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from collective.models import (
    CommuneIndicator,
    ContactMessage,
    News,
    ObservatoryImport,
    TeamMember,
    Testimonial,
)
from support.actions import convert_to_dossier
from support.enums import Channel
from vsa_portal.images import reencode_image
from vsa_portal.moderation import ModerationActionsMixin
from vsa_portal.publication import PublicationStatus


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """What visitors wrote is read, never rewritten: only "traité" can be ticked."""

    list_display = ["created_at", "name", "email", "subject", "handled"]
    list_filter = ["handled", "subject", "created_at"]
    list_editable = ["handled"]
    search_fields = ["name", "email", "message"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "name",
        "email",
        "subject",
        "message",
        "consent_given_at",
        "consent_version",
        "handled",
    ]
    readonly_fields = [
        "created_at",
        "name",
        "email",
        "subject",
        "message",
        "consent_given_at",
        "consent_version",
    ]

    # A physician who wrote on the Contact page is followed like any other request.
    actions = [
        convert_to_dossier(
            lambda message: {
                "last_name": message.name,
                "email": message.email,
                "message": message.message,
                "consent_given_at": message.consent_given_at,
                "consent_version": message.consent_version,
            },
            channel=Channel.CONTACT_PAGE,
            origin="contact",
            mark_done=lambda message: ContactMessage.objects.filter(pk=message.pk).update(
                handled=True
            ),
        )
    ]

    def has_add_permission(self, request):
        return False


class ReencodedImagesForm(forms.ModelForm):
    """The admin's form (model and fields come from the admin), uploads re-encoded."""

    image_fields = ("image", "photo")

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            upload = cleaned.get(name)
            if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
                try:
                    cleaned[name] = reencode_image(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "email", "position", "is_demo"]
    list_editable = ["position"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    search_fields = ["name", "role"]


@admin.register(News)
class NewsAdmin(ModerationActionsMixin, admin.ModelAdmin):
    form = ReencodedImagesForm
    list_display = ["title", "organisation", "status", "published_at", "is_demo"]
    list_filter = ["status", "is_demo", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["title", "summary", "body"]
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "submitted_at",
        "published_at",
        "withdrawn_at",
        "views_count",
        "contacts_count",
        "created_by",
        "created_at",
        "updated_at",
    ]
    actions = ["publish", "reject"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status == PublicationStatus.PUBLISHED and obj.published_at is None:
            obj.publish()
        super().save_model(request, obj, form, change)


@admin.register(Testimonial)
class TestimonialAdmin(admin.ModelAdmin):
    form = ReencodedImagesForm
    list_display = ["name", "commune", "year", "mode", "consent_given_at", "is_published"]
    list_filter = ["is_published", "mode", "year", "is_demo"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune", "dossier"]
    search_fields = ["name", "quote"]


def run_observatory_import(data, indicator, vintage, source, dry_run):
    from django.db import transaction

    from collective.importers import import_indicator
    from territory.management.commands._base import DryRunRollback

    report = None
    try:
        with transaction.atomic():
            report = import_indicator(data, indicator, vintage, source)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return report


@admin.register(ObservatoryImport)
class ObservatoryImportAdmin(admin.ModelAdmin):
    """The imports of official files into the observatory, and the form that runs one."""

    list_display = [
        "imported_at",
        "indicator",
        "vintage",
        "source",
        "created",
        "updated",
        "skipped",
    ]
    list_filter = ["indicator"]
    change_list_template = "admin/collective/observatoryimport/change_list.html"

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name="collective_observatoryimport_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse
        from django.utils.translation import gettext as _

        from collective.forms import ObservatoryImportForm
        from territory.importers import ImportFailed

        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ObservatoryImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                report = run_observatory_import(
                    data["file"].read(),
                    data["indicator"],
                    data["vintage"],
                    data["file"].name,
                    data["dry_run"],
                )
            except ImportFailed as error:
                form.add_error("file", str(error))
            else:
                if not data["dry_run"]:
                    messages.success(
                        request,
                        _(
                            "Import enregistré : %(created)s créés, %(updated)s modifiés, "
                            "%(unchanged)s inchangés, %(skipped)s lignes ignorées."
                        )
                        % {
                            "created": report.created,
                            "updated": report.updated,
                            "unchanged": report.unchanged,
                            "skipped": len(report.skipped),
                        },
                    )
                    return redirect("admin:collective_observatoryimport_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "title": _("Importer un fichier officiel dans l’observatoire"),
        }
        return TemplateResponse(request, "admin/collective/observatoryimport/import.html", context)


@admin.register(CommuneIndicator)
class CommuneIndicatorAdmin(admin.ModelAdmin):
    list_display = ["commune", "indicator", "vintage", "value"]
    list_filter = ["indicator", "vintage"]
    search_fields = ["commune__name", "commune__insee_code"]
    list_select_related = ["commune"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
