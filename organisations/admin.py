from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.invitations import confirm as confirm_invitation
from organisations.models import Invitation, Membership, Organisation
from vsa_portal.forms import SingleLineFieldsMixin
from vsa_portal.images import reencode_image


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 1
    autocomplete_fields = ["user"]
    fields = ["user", "role", "confirmed_at", "invited_by"]
    readonly_fields = ["invited_by"]


class OrganisationForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "website",
            "logo",
            "description",
            "role",
            "is_founding_member",
            "is_public",
            "is_demo",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return reencode_image(logo)
        return logo


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "is_founding_member", "is_public", "is_demo"]
    list_filter = ["kind", "is_founding_member", "is_public", "is_demo"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "confirmed_at", "invited_by"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "role", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation", "invited_by"]
    autocomplete_fields = ["user", "organisation"]
    actions = ["confirm"]
    readonly_fields = ["invited_by", "created_at"]

    def save_model(self, request, obj, form, change):
        # The project lead attaching a member is the confirmation.
        if obj.confirmed_at is None and not change:
            obj.confirmed_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Confirmer les membres sélectionnés"), permissions=["change"])
    def confirm(self, request, queryset):
        queryset.filter(confirmed_at__isnull=True).update(confirmed_at=timezone.now())


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "organisation",
        "invited_by",
        "created_at",
        "confirmed_at",
        "accepted_at",
    ]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "organisation"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
    readonly_fields = ["invited_by", "created_at", "confirmed_at", "accepted_at"]
    actions = ["confirm"]

    @admin.action(description=_("Confirmer les invitations sélectionnées"), permissions=["change"])
    def confirm(self, request, queryset):
        for invitation in queryset.filter(confirmed_at__isnull=True).select_related("organisation"):
            confirm_invitation(invitation)
