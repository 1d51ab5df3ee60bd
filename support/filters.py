"""The pipeline's filters: one GET form, so that a view is a URL the project lead can save."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Profession
from support.enums import Channel, DossierStatus
from support.models import Dossier, Label
from territory.filters import commune_filter

# What a saved view keeps of the address: the filters, never the page or the export format.
FILTER_PARAMETERS = (
    "status",
    "profession",
    "commune",
    "origin",
    "channel",
    "label",
    "waiting",
    "q",
)


class DossierFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=DossierStatus.choices, empty_label=_("Tous les statuts")
    )
    profession = django_filters.ModelChoiceFilter(
        label=_("Profession"),
        queryset=Profession.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les professions"),
    )
    commune = commune_filter(label=_("Commune souhaitée"), field_name="communes")
    origin = django_filters.CharFilter(
        label=_("Origine (offres, communes, simulateur…)"), field_name="origin", max_length=40
    )
    channel = django_filters.ChoiceFilter(
        label=_("Canal"), choices=Channel.choices, empty_label=_("Tous les canaux")
    )
    label = django_filters.ModelChoiceFilter(
        label=_("Étiquette"),
        field_name="labels",
        queryset=Label.objects.all(),
        empty_label=_("Toutes les étiquettes"),
    )
    waiting = django_filters.ChoiceFilter(
        label=_("En attente"),
        choices=[("demandeur", _("du demandeur")), ("partenaire", _("d’un partenaire"))],
        empty_label=_("Peu importe"),
        method="filter_waiting",
    )
    q = django_filters.CharFilter(
        label=_("Nom, e-mail ou référence"), method="filter_text", max_length=100
    )

    class Meta:
        model = Dossier
        fields = []

    def filter_waiting(self, queryset, name, value):
        if value == "demandeur":
            return queryset.filter(waiting_for_requester=True)
        return queryset.filter(waiting_for_partner=True)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(reference__iexact=value)
            | Q(email__icontains=value)
            | Q(last_name__icontains=value)
            | Q(first_name__icontains=value)
        )


def view_query(params):
    """The filters of a request's GET parameters, as a query string to save."""
    kept = params.copy()
    for key in list(kept):
        if key not in FILTER_PARAMETERS or not kept.get(key):
            del kept[key]
    return kept.urlencode()
