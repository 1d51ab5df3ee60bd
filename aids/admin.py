from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aids.models import STALE_AFTER_DAYS, Aid, Condition


class StaleFilter(admin.SimpleListFilter):
    """Aids not checked against their source for six months: the project lead re-checks them."""

    title = _("vérification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("a_revoir", _("À revérifier (plus de 6 mois)")),
            ("a_jour", _("Vérifiée depuis moins de 6 mois")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "a_revoir":
            return queryset.stale()
        if self.value() == "a_jour":
            limit = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
            return queryset.filter(last_checked__gte=limit)
        return queryset


class ConditionInline(admin.TabularInline):
    model = Condition
    extra = 1
    fields = [
        "position",
        "type",
        "values",
        "number",
        "label",
        "legal_source",
        "source_url",
        "valid_from",
    ]


@admin.register(Aid)
class AidAdmin(admin.ModelAdmin):
    list_display = ["title", "funder", "level", "kind", "status", "last_checked", "needs_check"]
    list_filter = [StaleFilter, "status", "funder", "level", "kind"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ConditionInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "funder", "level", "kind", "position")}),
        (
            _("Montant"),
            {
                "fields": (
                    "amount_kind",
                    "amount_value",
                    "amount_max",
                    "amount_text",
                    "duration_months",
                )
            },
        ),
        (_("Engagement et cumul"), {"fields": ("commitment", "cumulation", "how_to_apply")}),
        (
            _("Source et vérification"),
            {"fields": ("source_url", "source_label", "last_checked", "status", "closed_since")},
        ),
    )

    @admin.display(boolean=True, description=_("à revérifier"))
    def needs_check(self, aid):
        # A "False" tick would read as "to check" next to the others: True means "re-check it".
        return aid.is_stale()
