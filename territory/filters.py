import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from territory.amenities import Amenity, near_amenity
from territory.enums import FacilityKind, Zone
from territory.models import EPCI, Commune, HealthFacility
from vsa_portal.widgets import FastSelect


def commune_filter(label=None, empty_label=None, **kwargs):
    """A commune chosen by its slug, as every search page of the portal offers it."""
    return django_filters.ModelChoiceFilter(
        label=label or _("Commune"),
        queryset=Commune.objects.only("name", "slug"),
        to_field_name="slug",
        empty_label=empty_label or _("Toutes les communes"),
        widget=FastSelect,
        **kwargs,
    )


def epci_filter(field_name="epci"):
    return django_filters.ModelChoiceFilter(
        label=_("Intercommunalité"),
        field_name=field_name,
        queryset=EPCI.objects.all(),
        to_field_name="siren",
        empty_label=_("Toutes les intercommunalités"),
        widget=FastSelect,
    )


class NearAmenityFilterSet(django_filters.FilterSet):
    """Adds "within N km of a collège, a lycée or a railway station" to a search whose model
    has a point (``amenity_point_field``): a search's FilterSet inherits from it."""

    amenity_point_field = "point"
    DEFAULT_KM = 10

    proche_de = django_filters.ChoiceFilter(
        label=_("À proximité de"),
        choices=Amenity.choices,
        empty_label=_("Peu importe"),
        method="filter_near_amenity",
    )
    rayon = django_filters.NumberFilter(
        label=_("Dans un rayon de (km)"),
        min_value=1,
        max_value=50,
        method="keep_radius",
        help_text=_("De 1 à 50 km, à vol d’oiseau ; 10 km si vide."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("proche_de", "rayon"):  # after the search's own filters
            self.filters.move_to_end(name)

    def keep_radius(self, queryset, name, value):
        return queryset  # read by filter_near_amenity

    def filter_near_amenity(self, queryset, name, value):
        km = float(self.form.cleaned_data.get("rayon") or self.DEFAULT_KM)
        return near_amenity(queryset, value, km, self.amenity_point_field)


class FacilityFilter(NearAmenityFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type d’établissement"),
        choices=FacilityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # a plain column: no DISTINCT needed
    )
    commune = commune_filter()
    epci = epci_filter("commune__epci")

    class Meta:
        model = HealthFacility
        fields = ["kind", "commune", "epci", "proche_de", "rayon"]


class CommuneFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nom de la commune"), method="filter_name")
    epci = epci_filter()
    zone = django_filters.ChoiceFilter(
        label=_("Zonage"),
        choices=Zone.choices,
        field_name="current_zone",
        empty_label=_("Tous les zonages"),
    )

    class Meta:
        model = Commune
        fields = ["q", "epci", "zone"]

    def filter_name(self, queryset, name, value):
        return queryset.filter(name__unaccent__icontains=value.strip()[:100])
