from django.contrib import admin

from collective.models import ContactMessage


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

    def has_add_permission(self, request):
        return False
