import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.enums import Audience, EventKind
from agenda.models import Event
from territory.filters import commune_filter, epci_filter


class EventSearchForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if start and end and start > end:
            self.add_error("au", _("Cette date précède la date « du »."))
        return data


class EventFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(  # a plain column: no DISTINCT needed
        label=_("Type d’événement"),
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    audience = django_filters.MultipleChoiceFilter(
        label=_("Public"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_audience",
    )
    commune = commune_filter()
    epci = epci_filter("commune__epci")
    du = django_filters.DateFilter(
        label=_("Du"),
        field_name="starts_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    au = django_filters.DateFilter(
        label=_("Au"),
        field_name="starts_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Event
        fields = []
        form = EventSearchForm

    def filter_audience(self, queryset, name, values):
        # An event for everyone matches every audience.
        return queryset.filter(audiences__overlap=[*values, "tous"]) if values else queryset
