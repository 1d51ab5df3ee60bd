import django_filters
from django.utils.translation import gettext_lazy as _

from aids.enums import AidKind, Audience, Level
from aids.models import Aid
from aids.territory import aids_applying_in
from territory.filters import commune_filter


class AidFilter(django_filters.FilterSet):
    public = django_filters.ChoiceFilter(
        label=_("Pour qui"),
        choices=Audience.choices,
        empty_label=_("Tous les publics"),
        method="filter_audience",
    )
    niveau = django_filters.ChoiceFilter(
        label=_("Niveau"), field_name="level", choices=Level.choices, empty_label=_("Tous")
    )
    nature = django_filters.ChoiceFilter(
        label=_("Nature"), field_name="kind", choices=AidKind.choices, empty_label=_("Toutes")
    )
    commune = commune_filter(
        label=_("Commune"), empty_label=_("Toutes les communes"), method="filter_commune"
    )

    class Meta:
        model = Aid
        fields = ["public", "niveau", "nature", "commune"]

    def filter_audience(self, queryset, name, value):
        return queryset.for_audience(value)

    def filter_commune(self, queryset, name, commune):
        return aids_applying_in(queryset, commune)
