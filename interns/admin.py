from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from interns.models import Faculty, InternshipSite, SchoolVisitRequest
from vsa_portal.moderation import ModerationActionsMixin
from vsa_portal.publication import PublicationStatus


@admin.register(Faculty)
class FacultyAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "position"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(InternshipSite)
class InternshipSiteAdmin(ModerationActionsMixin, LeafletGeoAdmin):
    list_display = [
        "name",
        "site_kind",
        "specialty",
        "faculty",
        "commune",
        "places_per_semester",
        "internat_on_site",
        "status",
        "is_demo",
    ]
    list_filter = ["status", "site_kind", "specialty", "faculty", "internat_on_site", "is_demo"]
    search_fields = ["name", "code", "commune__name", "supervisor", "contact_name"]
    list_select_related = ["commune", "faculty"]
    autocomplete_fields = ["commune", "facility"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    actions = ["publish", "reject"]
    fieldsets = (
        (None, {"fields": ("name", "code", "site_kind", "specialty", "faculty", "description")}),
        (_("Lieu"), {"fields": ("facility", "commune", "point")}),
        (
            _("Accueil"),
            {"fields": ("places_per_semester", "internat_on_site", "supervisor")},
        ),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (
            _("Publication"),
            {"fields": ("status", "expires_on", "is_demo", "source", "published_at")},
        ),
    )

    def save_model(self, request, obj, form, change):
        if obj.status == PublicationStatus.PUBLISHED and obj.published_at is None:
            obj.publish()
        super().save_model(request, obj, form, change)


@admin.register(SchoolVisitRequest)
class SchoolVisitRequestAdmin(admin.ModelAdmin):
    list_display = ["school", "commune", "level", "pupils", "speaker", "status", "created_at"]
    list_filter = ["status", "level", "speaker", "created_at"]
    search_fields = ["school", "contact_name", "email", "commune__name"]
    list_select_related = ["commune"]
    list_editable = ["status"]
    readonly_fields = ["consent_given_at", "consent_version", "created_at", "updated_at"]
    autocomplete_fields = ["commune"]
    fieldsets = (
        (None, {"fields": ("status", "notes")}),
        (
            _("La demande"),
            {
                "fields": (
                    "school",
                    "commune",
                    "level",
                    "pupils",
                    "speaker",
                    "period",
                    "message",
                )
            },
        ),
        (
            _("Contact"),
            {"fields": ("contact_name", "contact_role", "email", "phone")},
        ),
        (
            _("Consentement"),
            {"fields": ("consent_given_at", "consent_version", "created_at", "updated_at")},
        ),
    )

    def has_add_permission(self, request):
        return False
