import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from housing.enums import HousingAudience, HousingOrdering, HousingType, Semester
from housing.models import Housing
from territory.filters import NearAmenityFilterSet, commune_filter, facility_filter
from territory.models import Commune
from vsa_portal import kinds
from vsa_portal.widgets import FastSelect

DEFAULT_RADIUS_KM = 20
MAX_RADIUS_KM = 200
DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
SITES_KIND = "terrains-de-stage"
PLACES = ("near", "etablissement", "terrain")


def internship_sites(request=None):
    """The published internship sites, from their registration (housing never imports them)."""
    kind = kinds.get(SITES_KIND)
    return kind.published().select_related(None).only("name", "point").order_by("name", "pk")


class HousingSearchForm(forms.Form):
    def clean(self):
        data = super().clean()
        arrival, departure = data.get("arrivee"), data.get("depart")
        if arrival and departure and departure < arrival:
            self.add_error("depart", _("La date de départ précède la date d’arrivée."))
        chosen = [name for name in PLACES if data.get(name)]
        if len(chosen) > 1:
            self.add_error(
                chosen[-1],
                _(
                    "Choisissez un seul point de départ : une commune, un établissement ou un "
                    "terrain de stage."
                ),
            )
        has_place = bool(chosen)
        if data.get("km") and not has_place:
            self.add_error(
                "near", _("Choisissez la commune à partir de laquelle mesurer la distance.")
            )
        if data.get("tri") == HousingOrdering.CLOSEST and not has_place:
            self.add_error("near", _("Pour trier par distance, choisissez une commune."))
        return data


class HousingFilter(NearAmenityFilterSet):
    near = commune_filter(
        label=_("Autour de la commune"), empty_label=_("Choisir une commune"), method="filter_near"
    )
    etablissement = facility_filter(_("Ou autour de l’établissement"), method="filter_near")
    terrain = django_filters.ModelChoiceFilter(
        label=_("Ou autour du terrain de stage"),
        queryset=internship_sites,
        empty_label=_("Choisir un terrain de stage"),
        method="filter_near",
        widget=FastSelect,
    )
    km = django_filters.NumberFilter(
        label=_("Rayon (km)"),
        method="filter_nothing",
        min_value=1,
        max_value=MAX_RADIUS_KM,
        widget=forms.NumberInput(
            attrs={"min": 1, "max": MAX_RADIUS_KM, "step": 1, "placeholder": DEFAULT_RADIUS_KM}
        ),
    )
    commune = commune_filter(label=_("Dans la commune"))
    loyer_max = django_filters.NumberFilter(
        label=_("Loyer charges comprises, au plus (€ par mois)"),
        method="filter_max_rent",
        min_value=1,
        widget=forms.NumberInput(attrs={"min": 1, "step": 10}),
    )
    arrivee = django_filters.DateFilter(
        label=_("Arrivée le"), method="filter_nothing", widget=DATE_WIDGET
    )
    depart = django_filters.DateFilter(
        label=_("Départ le"), method="filter_nothing", widget=DATE_WIDGET
    )
    semestre = django_filters.ChoiceFilter(
        label=_("Pour un semestre d’internat"),
        choices=Semester.choices,
        empty_label=_("Indifférent"),
        method="filter_semester",
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Type de logement"),
        field_name="housing_type",
        choices=HousingType.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # a plain column: no DISTINCT needed
    )
    meuble = django_filters.BooleanFilter(
        label=_("Meublé seulement"), widget=forms.CheckboxInput, method="filter_furnished"
    )
    public = django_filters.MultipleChoiceFilter(
        label=_("Pour"),
        choices=HousingAudience.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_audience",
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=HousingOrdering.choices,
        empty_label=None,
        method="filter_nothing",
    )

    class Meta:
        model = Housing
        fields = []
        form = HousingSearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds.get(SITES_KIND) is None:  # a portal without internship sites
            self.filters.pop("terrain")

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by other filters and by filter_queryset

    def filter_near(self, queryset, name, place):
        km = self.form.cleaned_data.get("km") or DEFAULT_RADIUS_KM
        origin = place if isinstance(place, Commune) else place.point
        return queryset.near(origin, float(km))

    def filter_max_rent(self, queryset, name, value):
        return queryset.filter(rent__lte=value - F("charges"))

    def filter_semester(self, queryset, name, value):
        if value == Semester.WINTER:
            return queryset.filter(fits_winter_semester=True)
        return queryset.filter(fits_summer_semester=True)

    def filter_furnished(self, queryset, name, value):
        return queryset.filter(furnished=True) if value else queryset

    def filter_audience(self, queryset, name, values):
        return queryset.filter(audiences__overlap=list(values)) if values else queryset

    def filter_dates(self, queryset):
        """Available on arrival (and still on departure, when the housing has an end date)."""
        arrival = self.form.cleaned_data.get("arrivee")
        departure = self.form.cleaned_data.get("depart") or arrival
        if arrival:
            queryset = queryset.filter(available_from__lte=arrival)
        if departure:
            queryset = queryset.filter(
                Q(available_until__isnull=True) | Q(available_until__gte=departure)
            )
        return queryset

    @property
    def has_place(self):
        data = self.form.cleaned_data
        return any(data.get(name) for name in PLACES)

    def filter_queryset(self, queryset):
        queryset = self.filter_dates(super().filter_queryset(queryset))
        ordering = self.form.cleaned_data.get("tri")
        if not ordering:
            ordering = HousingOrdering.CLOSEST if self.has_place else HousingOrdering.NEWEST
        if ordering == HousingOrdering.CLOSEST:
            return queryset.order_by("distance", "pk")
        if ordering == HousingOrdering.CHEAPEST:
            return queryset.order_by(F("rent") + F("charges"), "pk")
        return queryset.order_by("-published_at", "-pk")

    @property
    def is_filtered(self):
        return self.is_bound and any(
            value not in (None, "", [], False) and name not in {"tri"}
            for name, value in self.form.cleaned_data.items()
        )
