from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from territory.forms import ReferenceFileImportForm, ZoningImportForm
from territory.importers import (
    ImportFailed,
    import_railway_stations,
    import_schools,
    import_zoning,
)
from territory.models import (
    CPTS,
    EPCI,
    Commune,
    HealthFacility,
    PriorityDistrict,
    RailwayStation,
    RuralRevitalisation,
    School,
    TerritoryHighlight,
    Zoning,
)


@admin.register(EPCI)
class EPCIAdmin(admin.ModelAdmin):
    list_display = ["name", "siren"]
    search_fields = ["name", "siren"]


@admin.register(Commune)
class CommuneAdmin(LeafletGeoAdmin):
    list_display = ["name", "insee_code", "population", "epci"]
    list_filter = ["epci"]
    search_fields = ["name", "insee_code", "postal_codes"]
    list_select_related = ["epci"]
    readonly_fields = ["centroid"]
    fieldsets = (
        (None, {"fields": ("name", "slug", "insee_code", "postal_codes", "population", "epci")}),
        (
            _("Mairie"),
            {
                "fields": (
                    "town_hall_address",
                    "town_hall_phone",
                    "town_hall_email",
                    "town_hall_website",
                    "town_hall_point",
                )
            },
        ),
        (_("Contour"), {"fields": ("boundary", "centroid"), "classes": ("collapse",)}),
    )


@admin.register(CPTS)
class CPTSAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "is_demo"]
    search_fields = ["name"]
    readonly_fields = ["source_url"]
    filter_horizontal = ["communes"]
    prepopulated_fields = {"slug": ["name"]}


class NeedsCheckFilter(admin.SimpleListFilter):
    title = _("à vérifier")
    parameter_name = "a_verifier"

    def lookups(self, request, model_admin):
        return [("oui", _("À vérifier")), ("non", _("Vérifié"))]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.exclude(verification_note="")
        if self.value() == "non":
            return queryset.filter(verification_note="")
        return queryset


@admin.register(HealthFacility)
class HealthFacilityAdmin(LeafletGeoAdmin):
    list_display = [
        "display_name",
        "kind",
        "sector",
        "commune",
        "finess_et",
        "location_precision",
        "is_demo",
    ]
    list_filter = ["kind", "sector", "location_precision", "is_demo", NeedsCheckFilter]
    search_fields = ["display_name", "name", "finess_et", "finess_ej", "commune__name"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["updated_at"]


@admin.register(Zoning)
class ZoningAdmin(admin.ModelAdmin):
    list_display = ["commune", "zone", "valid_from", "valid_until", "source", "is_demo"]
    list_filter = ["zone", "is_demo", "valid_from", "valid_until"]
    search_fields = ["commune__name", "commune__insee_code"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    change_list_template = "admin/territory/zoning/change_list.html"

    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name="territory_zoning_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ZoningImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = import_zoning(
                    form.cleaned_data["file"].read(),
                    valid_from=form.cleaned_data["valid_from"],
                    source=form.cleaned_data["source"],
                )
            except ImportFailed as error:
                form.add_error("file", str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Zonage importé : %(created)s créés, %(updated)s modifiés, "
                        "%(unchanged)s inchangés, %(skipped)s lignes ignorées."
                    )
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "unchanged": report.unchanged,
                        "skipped": len(report.skipped),
                    },
                )
                for where, reason in report.skipped[:50]:
                    messages.warning(request, f"{where} : {reason}")
                return redirect(reverse("admin:territory_zoning_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Importer un zonage"),
        }
        return TemplateResponse(request, "admin/territory/zoning/import.html", context)


@admin.register(PriorityDistrict)
class PriorityDistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "commune", "doctors_zone", "geography"]
    list_filter = ["doctors_zone", "geography"]
    search_fields = ["name", "code", "commune__name"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]


@admin.register(RuralRevitalisation)
class RuralRevitalisationAdmin(admin.ModelAdmin):
    list_display = ["commune", "category", "as_of"]
    list_filter = ["category", "as_of"]
    search_fields = ["commune__name", "commune__insee_code"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]


class DryRunRollback(Exception):
    pass


class ReferenceFileImportAdmin:
    """An "Importer un fichier" page for a reference file, with a dry run: the whole file is
    checked, and a file with a bad line is refused with every line and its reason."""

    import_function = None
    import_help = ""
    change_list_template = "admin/territory/reference_change_list.html"

    def import_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_import"

    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name=self.import_url_name(),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "import_url": f"admin:{self.import_url_name()}"}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return redirect("admin:index")
        form = ReferenceFileImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload, dry_run = form.cleaned_data["file"], form.cleaned_data["dry_run"]
            report = None
            try:
                with transaction.atomic():
                    report = type(self).import_function(upload.read(), filename=upload.name)
                    if dry_run:
                        raise DryRunRollback
            except ImportFailed as error:
                for line in str(error).splitlines():
                    form.add_error("file", line)
            except DryRunRollback:
                pass
            if report is not None:
                prefix = _("Essai à blanc, rien n’a été enregistré : ") if dry_run else ""
                messages.success(
                    request,
                    prefix
                    + _("%(created)s créés, %(updated)s modifiés, %(unchanged)s inchangés.")
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "unchanged": report.unchanged,
                    },
                )
                for note in report.notes:
                    messages.info(request, note)
                if not dry_run:
                    return redirect(
                        reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "help": self.import_help,
            "title": _("Importer un fichier : %(name)s") % {"name": self.opts.verbose_name_plural},
        }
        return TemplateResponse(request, "admin/territory/reference_import.html", context)


@admin.register(School)
class SchoolAdmin(ReferenceFileImportAdmin, LeafletGeoAdmin):
    import_function = import_schools
    import_help = _(
        "Le fichier des écoles, collèges et lycées (colonnes uai, nom, type, secteur, "
        "contrat_prive, commune_insee, lat_wgs84, lon_wgs84), au format de "
        "schools.csv du dossier du territoire (territories/README.md). C’est la liste complète : un établissement "
        "absent du fichier est retiré."
    )
    list_display = ["display_name", "uai", "kind", "sector", "commune", "location_precision"]
    list_filter = ["level", "kind", "sector", "location_precision"]
    search_fields = ["display_name", "name", "uai", "commune__name"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["source", "source_url"]


@admin.register(RailwayStation)
class RailwayStationAdmin(ReferenceFileImportAdmin, LeafletGeoAdmin):
    import_function = import_railway_stations
    import_help = _(
        "Le fichier des gares de voyageurs (colonnes code_uic, nom, segment_drg, commune_insee, "
        "lat_wgs84, lon_wgs84), au format de stations.csv du dossier du territoire. "
        "C’est la liste complète : une gare absente du fichier est retirée."
    )
    list_display = ["name", "uic_code", "segment", "commune"]
    list_filter = ["segment"]
    search_fields = ["name", "uic_code", "trigram", "commune__name"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["source_url"]


@admin.register(TerritoryHighlight)
class TerritoryHighlightAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "is_published", "to_check", "source"]
    list_editable = ["position", "is_published"]
    list_filter = ["is_published", "to_check"]
    search_fields = ["title", "text", "source"]
