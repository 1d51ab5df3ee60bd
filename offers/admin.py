from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from offers.emails import notify_offer_decision
from offers.models import Offer, OfferContact
from vsa_portal.admin_lists import LargeTableAdminMixin
from vsa_portal.moderation import ModerationActionsMixin
from vsa_portal.publication import PublicationStatus


class OfferContactInline(admin.TabularInline):
    model = OfferContact
    extra = 0
    can_delete = False
    fields = ["created_at", "name", "email", "phone", "status", "message"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(LargeTableAdminMixin, ModerationActionsMixin, LeafletGeoAdmin):
    list_display = [
        "title",
        "kind",
        "commune",
        "status",
        "published_at",
        "expires_on",
        "filled_on",
        "views_count",
        "contacts_count",
        "is_demo",
    ]
    list_filter = [
        "status",
        "kind",
        "profession",
        "structure",
        "is_anonymous",
        "is_demo",
        "organisation",
        # Not a date_hierarchy: its links are read from the whole table (MIN, MAX and DISTINCT
        # of the dates, 160 ms at 100,000 offers); these ranges cost no query.
        "created_at",
    ]
    search_fields = ["title", "description", "commune__name", "contact_name", "contact_email"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune", "facility", "organisation"]
    readonly_fields = [
        "views_count",
        "contacts_count",
        "published_at",
        "submitted_at",
        "withdrawn_at",
        "created_by",
        "created_at",
        "updated_at",
        "changes_since_publication_table",
    ]
    inlines = [OfferContactInline]
    actions = ["publish", "reject", "mark_filled", "archive"]
    fieldsets = (
        (None, {"fields": ("kind", "profession", "title", "description", "structure", "facility")}),
        (_("Lieu"), {"fields": ("commune", "address", "place_precision", "point")}),
        (
            _("Conditions"),
            {
                "fields": (
                    ("start_date", "end_date"),
                    "days_per_week",
                    "retrocession_percent",
                    ("salary_min", "salary_max"),
                    "has_secretariat",
                    "practice_software",
                    "housing_provided",
                    "patient_base_size",
                )
            },
        ),
        (
            _("Contact (jamais affiché tel quel)"),
            {
                "fields": (
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "organisation",
                    "is_anonymous",
                )
            },
        ),
        (
            _("Publication"),
            {
                "fields": (
                    "status",
                    "changes_since_publication_table",
                    "rejection_reason",
                    "expires_on",
                    "filled_on",
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

    @admin.display(description=_("Modifications depuis la dernière version publiée"))
    def changes_since_publication_table(self, offer):
        changes = offer.changes_since_publication()
        if not offer.published_snapshot:
            return _("Jamais publiée.")
        if not changes:
            return _("Aucune.")
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((label, before or "—", after or "—") for label, before, after in changes),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Champ"),
            _("Version publiée"),
            _("Version soumise"),
            rows,
        )

    def notify_decision(self, offer):
        if offer.organisation_id:
            notify_offer_decision(offer)

    @admin.action(description=_("Marquer comme pourvues aujourd’hui"), permissions=["change"])
    def mark_filled(self, request, queryset):
        count = queryset.mark_filled()
        messages.success(
            request, _("%(count)s offre(s) marquée(s) comme pourvue(s).") % {"count": count}
        )

    @admin.action(description=_("Archiver les offres sélectionnées"), permissions=["change"])
    def archive(self, request, queryset):
        count = queryset.archive()
        messages.success(request, _("%(count)s offre(s) archivée(s).") % {"count": count})


@admin.register(OfferContact)
class OfferContactAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ["name", "offer", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "offer__title"]
    list_select_related = ["offer"]
    readonly_fields = ["consent_given_at", "consent_version", "created_at"]
    autocomplete_fields = ["offer"]
