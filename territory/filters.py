import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

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


class FacilityFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type d’établissement"),
        choices=FacilityKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    commune = commune_filter()
    epci = epci_filter("commune__epci")

    class Meta:
        model = HealthFacility
        fields = ["kind", "commune", "epci"]


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
