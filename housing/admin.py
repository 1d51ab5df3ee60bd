from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from housing.emails import notify_housing_decision
from housing.models import Housing, HousingContact, HousingPhoto, LandlordConfirmation
from organisations.enums import OrganisationKind
from vsa_portal.admin_lists import LargeTableAdminMixin
from vsa_portal.moderation import ModerationActionsMixin
from vsa_portal.publication import PublicationStatus


class HousingPhotoInline(admin.TabularInline):
    model = HousingPhoto
    extra = 0
    fields = ["preview", "alt_text", "position"]
    readonly_fields = ["preview"]

    def has_add_permission(self, request, obj=None):
        return False  # photos are added, checked and re-encoded in the partner space

    @admin.display(description=_("Aperçu"))
    def preview(self, photo):
        return format_html(
            '<img src="{}" alt="{}" width="160">', photo.get_absolute_url(), photo.alt_text
        )


class HousingContactInline(admin.TabularInline):
    model = HousingContact
    extra = 0
    can_delete = False
    fields = ["created_at", "name", "email", "phone", "status", "arrival", "departure", "message"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class LandlordFilter(admin.SimpleListFilter):
    title = _("propriétaire particulier")
    parameter_name = "proprietaire"

    def lookups(self, request, model_admin):
        return [
            ("a_confirmer", _("à confirmer")),
            ("confirme", _("confirmé")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "a_confirmer":
            return queryset.awaiting_landlord_confirmation()
        if self.value() == "confirme":
            return queryset.filter(
                organisation__kind=OrganisationKind.LANDLORD,
                organisation__landlord_confirmation__isnull=False,
            )
        return queryset


@admin.register(Housing)
class HousingAdmin(LargeTableAdminMixin, ModerationActionsMixin, LeafletGeoAdmin):
    list_display = [
        "title",
        "housing_type",
        "commune",
        "rent",
        "status",
        "organisation",
        "published_at",
        "expires_on",
        "views_count",
        "contacts_count",
        "is_demo",
    ]
    list_filter = [
        "status",
        LandlordFilter,
        "housing_type",
        "furnished",
        "fits_winter_semester",
        "fits_summer_semester",
        "is_demo",
        "created_at",  # not a date_hierarchy: its links read the whole table (see offers)
    ]
    search_fields = ["title", "description", "commune__name", "contact_name", "contact_email"]
    list_select_related = ["commune", "organisation"]
    autocomplete_fields = ["commune", "organisation"]
    readonly_fields = [
        "views_count",
        "contacts_count",
        "published_at",
        "submitted_at",
        "withdrawn_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [HousingPhotoInline, HousingContactInline]
    actions = ["publish", "reject", "archive"]
    fieldsets = (
        (None, {"fields": ("title", "description", "housing_type", "furnished")}),
        (
            _("Loyer et durée"),
            {
                "fields": (
                    ("rent", "charges", "deposit"),
                    "surface",
                    ("available_from", "available_until"),
                    ("min_stay_months", "max_stay_months"),
                    ("fits_winter_semester", "fits_summer_semester"),
                    "audiences",
                    ("accessible", "parking"),
                )
            },
        ),
        (_("Lieu"), {"fields": ("commune", "address", "place_precision", "point")}),
        (
            _("Contact (jamais affiché)"),
            {"fields": ("contact_name", "contact_email", "contact_phone", "organisation")},
        ),
        (
            _("Publication"),
            {
                "fields": (
                    "status",
                    "rejection_reason",
                    "expires_on",
                    "is_demo",
                    "published_at",
                )
            },
        ),
        (
            _("Suivi"),
            {
                "fields": (
                    ("submitted_at", "withdrawn_at"),
                    ("views_count", "contacts_count"),
                    "created_by",
                    ("created_at", "updated_at"),
                )
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status == PublicationStatus.PUBLISHED and (
            obj.published_at is None or "status" in form.changed_data
        ):
            obj.publish()
        super().save_model(request, obj, form, change)

    def notify_decision(self, housing):
        if housing.organisation_id:
            notify_housing_decision(housing)

    @admin.action(description=_("Publier la sélection"), permissions=["change"])
    def publish(self, request, queryset):
        # A private landlord's housing is published only once the landlord is confirmed; the
        # review page (the first step of publishing) says which are left out.
        waiting = queryset.awaiting_landlord_confirmation()
        if waiting.exists() and "confirm_publish" not in request.POST:
            messages.error(
                request,
                _(
                    "%(count)s logement(s) de propriétaires particuliers non confirmés : "
                    "confirmez d’abord le propriétaire (Confirmations de propriétaires)."
                )
                % {"count": waiting.count()},
            )
        return super().publish(request, queryset.exclude(pk__in=waiting.values("pk")))

    @admin.action(description=_("Archiver les logements sélectionnés"))
    def archive(self, request, queryset):
        count = queryset.archive()
        messages.success(request, _("%(count)s logement(s) archivé(s).") % {"count": count})


@admin.register(LandlordConfirmation)
class LandlordConfirmationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "confirmed_at", "confirmed_by"]
    search_fields = ["organisation__name", "note"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["confirmed_at", "confirmed_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.confirmed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(HousingContact)
class HousingContactAdmin(admin.ModelAdmin):
    list_display = ["name", "housing", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "housing__title"]
    list_select_related = ["housing"]
    readonly_fields = ["consent_given_at", "consent_version", "created_at"]
    autocomplete_fields = ["housing"]


@admin.register(HousingPhoto)
class HousingPhotoAdmin(admin.ModelAdmin):
    list_display = ["alt_text", "housing", "position", "created_at"]
    search_fields = ["alt_text", "housing__title"]
    list_select_related = ["housing"]
    autocomplete_fields = ["housing"]
    readonly_fields = ["image"]

    def has_add_permission(self, request):
        return False
