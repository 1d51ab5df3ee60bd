from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from outbox.models import OutgoingEmail
from outbox.services import enqueue


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "sent_at", "attempts", "last_attempt_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    readonly_fields = [
        "to",
        "cc",
        "reply_to",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "attempts",
        "last_attempt_at",
        "last_error",
    ]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Relancer l’envoi des e-mails non envoyés"))
    def send_again(self, request, queryset):
        for email_id in queryset.unsent().values_list("pk", flat=True):
            enqueue(email_id)
