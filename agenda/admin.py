from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from agenda.emails import notify_event_decision
from agenda.models import Event, Registration
from vsa_portal.images import reencode_image
from vsa_portal.moderation import ModerationActionsMixin
from vsa_portal.publication import PublicationStatus
from vsa_portal.spreadsheets import csv_response, local_datetime

CSV_COLUMNS = ["événement", "début", "nom", "e-mail", "profil", "statut", "inscrit le"]


def registrations_csv(registrations, filename):
    """The registration list as CSV for a spreadsheet (vsa_portal.spreadsheets)."""
    return csv_response(
        filename,
        CSV_COLUMNS,
        (
            [
                registration.event.title,
                local_datetime(registration.event.starts_at),
                registration.name,
                registration.email,
                registration.get_profile_display(),
                registration.get_status_display(),
                local_datetime(registration.created_at),
            ]
            for registration in registrations
        ),
    )


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "profile", "status", "created_at"]
    readonly_fields = ["created_at"]


class EventAdminForm(forms.ModelForm):
    """The admin's form (model and fields come from the admin), with the image re-encoded."""

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload
            return reencode_image(image)
        return image


@admin.register(Event)
class EventAdmin(ModerationActionsMixin, LeafletGeoAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "starts_at", "commune", "organisation", "status", "is_demo"]
    list_filter = ["status", "kind", "registration_mode", "is_demo", "organisation"]
    search_fields = ["title", "description", "commune__name"]
    list_select_related = ["commune", "organisation"]
    autocomplete_fields = ["commune", "organisation"]
    date_hierarchy = "starts_at"
    readonly_fields = [
        "views_count",
        "contacts_count",
        "submitted_at",
        "published_at",
        "withdrawn_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [RegistrationInline]
    actions = ["publish", "reject", "export_registrations"]

    def notify_decision(self, event):
        if event.organisation_id:
            notify_event_decision(event)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status == PublicationStatus.PUBLISHED and obj.published_at is None:
            obj.publish()
        super().save_model(request, obj, form, change)

    def has_export_permission(self, request):
        """A registration list is personal data: view-only staff do not take it away."""
        return request.user.has_perm("agenda.change_registration")

    @admin.action(description=_("Exporter les inscriptions (CSV)"), permissions=["export"])
    def export_registrations(self, request, queryset):
        registrations = Registration.objects.filter(event__in=queryset).select_related("event")
        return registrations_csv(
            registrations.order_by("event__starts_at", "created_at"), "inscriptions.csv"
        )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
