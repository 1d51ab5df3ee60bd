from django.contrib import admin

from collective.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_founding_member", "is_demo"]
    list_filter = ["kind", "is_founding_member", "is_demo"]
    search_fields = ["name"]
