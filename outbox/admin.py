from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from outbox.models import OutgoingEmail
from outbox.services import enqueue

FIELDS = [
    "to",
    "cc",
    "reply_to",
    "subject",
    "body",
    "contains_secret",
    "created_at",
    "sent_at",
    "attempts",
    "last_attempt_at",
    "last_error",
]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "sent_at", "attempts", "last_attempt_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    readonly_fields = FIELDS
    actions = ["send_again"]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.contains_secret and not request.user.is_superuser:
            # A password-reset or confirmation link would let its reader take the account.
            return [name for name in FIELDS if name != "body"]
        return FIELDS

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Relancer l’envoi des e-mails non envoyés"), permissions=["change"])
    def send_again(self, request, queryset):
        for email_id in queryset.unsent().values_list("pk", flat=True):
            enqueue(email_id)
