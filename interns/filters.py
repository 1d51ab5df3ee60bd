import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from interns.enums import SiteKind, Specialty
from interns.models import Faculty, InternshipSite
from territory.filters import commune_filter

DEFAULT_RADIUS_KM = 20


class SiteSearchForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("km") and not data.get("near"):
            self.add_error(
                "near", _("Choisissez la commune à partir de laquelle mesurer la distance.")
            )
        return data


class InternshipSiteFilter(django_filters.FilterSet):
    specialite = django_filters.MultipleChoiceFilter(
        label=_("Spécialité"),
        field_name="specialty",
        choices=Specialty.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    faculte = django_filters.ModelChoiceFilter(
        label=_("Faculté"),
        field_name="faculty",
        queryset=Faculty.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les facultés"),
    )
    type = django_filters.ChoiceFilter(
        label=_("Type de terrain"),
        field_name="site_kind",
        choices=SiteKind.choices,
        empty_label=_("Tous les types"),
    )
    near = commune_filter(
        label=_("Autour de la commune"), empty_label=_("Choisir une commune"), method="filter_near"
    )
    km = django_filters.NumberFilter(
        label=_("Rayon (km)"),
        method="filter_nothing",
        min_value=1,
        max_value=200,
        widget=forms.NumberInput(
            attrs={"min": 1, "max": 200, "step": 1, "placeholder": DEFAULT_RADIUS_KM}
        ),
    )
    internat = django_filters.BooleanFilter(
        label=_("Avec internat sur place"), widget=forms.CheckboxInput, method="filter_internat"
    )

    class Meta:
        model = InternshipSite
        fields = []
        form = SiteSearchForm

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_internat(self, queryset, name, value):
        return queryset.filter(internat_on_site=True) if value else queryset

    def filter_near(self, queryset, name, commune):
        km = self.form.cleaned_data.get("km") or DEFAULT_RADIUS_KM
        return queryset.near(commune, float(km))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("near"):
            return queryset.order_by("distance", "pk")
        return queryset.order_by("name", "pk")
