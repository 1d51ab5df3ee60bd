import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from replacements.enums import AvailabilityKind
from replacements.models import ReplacementProfile
from territory.filters import commune_filter
from territory.models import Commune

MAX_KM = 100
MAX_NEED_DAYS = 366
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReplacementSearchForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if start and end and end < start:
            self.add_error("au", _("La date de fin précède la date de début."))
        elif start and end and (end - start).days > MAX_NEED_DAYS:
            self.add_error("au", _("Cherchez sur un an au plus."))
        if data.get("km") and not data.get("commune"):
            self.add_error(
                "commune", _("Choisissez la commune à partir de laquelle mesurer la distance.")
            )
        return data


class ReplacementFilter(django_filters.FilterSet):
    """Overlapping dates, place and kind: all read together by ``filter_queryset``."""

    du = django_filters.DateFilter(label=_("Remplacement du"), method="read", widget=DATE_WIDGET)
    au = django_filters.DateFilter(label=_("au"), method="read", widget=DATE_WIDGET)
    commune = commune_filter(
        label=_("Commune du cabinet"), empty_label=_("Choisir une commune"), method="read"
    )
    # The distance is measured from the chosen commune's point: loaded with it.
    commune.extra["queryset"] = Commune.objects.only("name", "slug", "town_hall_point", "centroid")
    km = django_filters.NumberFilter(
        label=_("Jusqu’à (km) de plus"),
        method="read",
        min_value=0,
        max_value=MAX_KM,
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_KM, "step": 1, "placeholder": 0}),
    )
    type = django_filters.ChoiceFilter(
        label=_("Type de remplacement"),
        choices=AvailabilityKind.choices,
        empty_label=_("Tous"),
        method="read",
    )

    class Meta:
        model = ReplacementProfile
        fields = []
        form = ReplacementSearchForm

    def read(self, queryset, name, value):
        return queryset  # every criterion is applied at once in filter_queryset

    @property
    def need(self):
        """The searched dates, defaulting to the coming four weeks around what was given."""
        from datetime import timedelta

        from django.utils import timezone

        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        start = data.get("du") or timezone.localdate()
        end = data.get("au") or start + timedelta(days=27)
        return max(start, timezone.localdate()), max(end, start)

    @property
    def place(self):
        """(commune, km, kind) searched, for the periods shown with each result."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return data.get("commune"), int(data.get("km") or 0), data.get("type") or ""

    def filter_queryset(self, queryset):
        start, end = self.need
        place, km, kind = self.place
        return (
            queryset.available(start, end, place=place, km=km, kind=kind)
            .select_related("user", "profession")
            .order_by("-verified", "-confirmed_at", "pk")
        )
