from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from replacements.models import (
    Availability,
    OfferMatch,
    ProfessionalCheck,
    ReplacementContact,
    ReplacementProfile,
)


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 0
    fields = ["kind", "starts_on", "ends_on", "weekdays", "centre", "radius_km"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # the remplaçant publishes their own availability


@admin.register(ReplacementProfile)
class ReplacementProfileAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "profession",
        "status",
        "rpps",
        "verified",
        "consent_to_list",
        "confirmed_at",
        "contacts_count",
        "is_demo",
    ]
    list_filter = ["verified", "status", "consent_to_list", "is_demo", "profession"]
    search_fields = ["user__email", "user__last_name", "rpps"]
    list_select_related = ["user", "profession"]
    readonly_fields = [
        "user",
        "consent_given_at",
        "confirmed_at",
        "contacts_count",
        "verified_at",
        "created_at",
        "updated_at",
    ]
    inlines = [AvailabilityInline]
    actions = ["mark_verified"]

    @admin.action(description=_("Marquer comme vérifiés (RPPS contrôlé dans l’annuaire)"))
    def mark_verified(self, request, queryset):
        count = queryset.update(verified=True, verified_at=timezone.now())
        self.message_user(
            request, _("%(count)d profil(s) marqué(s) vérifié(s).") % {"count": count}
        )

    def save_model(self, request, obj, form, change):
        if "verified" in form.changed_data:
            obj.verified_at = timezone.now() if obj.verified else None
        super().save_model(request, obj, form, change)


@admin.register(ProfessionalCheck)
class ProfessionalCheckAdmin(admin.ModelAdmin):
    list_display = ["user", "rpps", "verified", "created_at"]
    list_filter = ["verified"]
    search_fields = ["user__email", "rpps"]
    readonly_fields = ["user", "created_at"]


@admin.register(ReplacementContact)
class ReplacementContactAdmin(admin.ModelAdmin):
    list_display = ["created_at", "sender", "profile", "starts_on", "ends_on"]
    list_select_related = ["sender", "profile__user"]
    readonly_fields = ["profile", "sender", "starts_on", "ends_on", "commune", "message"]

    def has_add_permission(self, request):
        return False


@admin.register(OfferMatch)
class OfferMatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "profile", "offer_pk", "full", "sent_at", "is_demo"]
    list_filter = ["full", "is_demo"]
    list_select_related = ["profile__user"]
    readonly_fields = ["profile", "offer_pk", "full", "is_demo", "created_at", "sent_at"]

    def has_add_permission(self, request):
        return False  # recorded each morning by replacements.tasks.send_match_digests
