from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from collective.models import ContactMessage, News, TeamMember, Testimonial
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
