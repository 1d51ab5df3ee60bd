import django_filters
from django import forms
from django.db.models import Exists, Func, IntegerField, Subquery, Value
from django.utils.translation import gettext_lazy as _

from interns.enums import SiteKind, SiteOrdering, Specialty
from interns.models import Faculty, InternshipSite
from territory.filters import commune_filter
from vsa_portal import kinds
from vsa_portal.search import NamedModelChoiceFilter

DEFAULT_RADIUS_KM = 20
HOUSING_KIND = "logements"
MAX_HOUSING_KM = 50
HOUSING_COUNT_CAP = 20  # "at least 20": counting them all grows with the housing (20,000)


def housing_kind():
    """The housing's registration, when the portal has one whose items have a point."""
    kind = kinds.get(HOUSING_KIND)
    if kind is None or not kind.published or not hasattr(kind.published(), "near_outer"):
        return None
    return kind


class CappedCount(Func):
    """How many rows a subquery has, counting no further than its LIMIT."""

    template = "(SELECT COUNT(*) FROM %(expressions)s AS capped)"
    output_field = IntegerField()


def with_housing_nearby(queryset, km):
    """Sites with at least one published housing offer within ``km``, annotated with how many,
    up to HOUSING_COUNT_CAP (``housing_nearby``, ``housing_count_cap``) and the radius
    (``housing_km``): one subquery, whatever the page size, that reads at most the cap's worth
    of housing per site. The housing comes from its registration, never an import."""
    housing = housing_kind().published().prefetch_related(None).select_related(None)
    nearby = housing.near_outer(km).order_by().values("pk")
    # Exists() to filter, so that PostgreSQL counts only for the rows of the page
    return queryset.filter(Exists(nearby)).annotate(
        housing_nearby=CappedCount(Subquery(nearby[:HOUSING_COUNT_CAP])),
        housing_count_cap=Value(HOUSING_COUNT_CAP, output_field=IntegerField()),
        housing_km=Value(km, output_field=IntegerField()),
    )


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class SiteSearchForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("km") and not data.get("near"):
            self.add_error(
                "near", _("Choisissez la commune à partir de laquelle mesurer la distance.")
            )
        ordering = data.get("tri")
        if ordering == SiteOrdering.CLOSEST and not data.get("near"):
            self.add_error("near", _("Pour trier par distance, choisissez une commune."))
        if ordering == SiteOrdering.MOST_HOUSING and not data.get("logements_km"):
            self.add_error(
                "logements_km",
                _("Pour trier par nombre de logements, indiquez le rayon de recherche."),
            )
        return data


class InternshipSiteFilter(django_filters.FilterSet):
    specialite = django_filters.MultipleChoiceFilter(
        label=_("Spécialité"),
        field_name="specialty",
        choices=Specialty.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # a plain column: no DISTINCT needed
    )
    faculte = NamedModelChoiceFilter(
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
    logements_km = WholeNumberFilter(
        label=_("Avec un logement publié à moins de (km)"),
        method="filter_housing_nearby",
        min_value=1,
        max_value=MAX_HOUSING_KM,
        widget=forms.NumberInput(
            attrs={"min": 1, "max": MAX_HOUSING_KM, "step": 1, "placeholder": 10}
        ),
    )
    internat = django_filters.BooleanFilter(
        label=_("Avec internat sur place"), widget=forms.CheckboxInput, method="filter_internat"
    )

    tri = django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=SiteOrdering.choices,
        empty_label=_("Les plus proches, sinon par nom"),
        method="filter_nothing",
    )

    class Meta:
        model = InternshipSite
        fields = []
        form = SiteSearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if housing_kind() is None:  # a portal without housing offers no such filter
            self.filters.pop("logements_km")
            self.filters["tri"].extra["choices"] = [
                choice for choice in SiteOrdering.choices if choice[0] != SiteOrdering.MOST_HOUSING
            ]

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_housing_nearby(self, queryset, name, km):
        return with_housing_nearby(queryset, km) if km else queryset

    def filter_internat(self, queryset, name, value):
        return queryset.filter(internat_on_site=True) if value else queryset

    def filter_near(self, queryset, name, commune):
        km = self.form.cleaned_data.get("km") or DEFAULT_RADIUS_KM
        return queryset.near(commune, float(km))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        ordering = data.get("tri") or (SiteOrdering.CLOSEST if data.get("near") else "")
        if ordering == SiteOrdering.MOST_HOUSING:
            return queryset.order_by("-housing_nearby", "name", "pk")
        if ordering == SiteOrdering.CLOSEST:
            return queryset.order_by("distance", "pk")
        return queryset.order_by("name", "pk")
