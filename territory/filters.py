import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from territory.amenities import Amenity, near_amenity
from territory.enums import FacilityKind, Zone
from territory.models import EPCI, Commune, HealthFacility
from vsa_portal.search import NamedModelChoiceFilter
from vsa_portal.widgets import FastSelect, SuggestInput


def commune_filter(label=None, empty_label=None, **kwargs):
    """A commune chosen by its slug, as every search page of the portal offers it."""
    return NamedModelChoiceFilter(
        label=label or _("Commune"),
        queryset=Commune.objects.only("name", "slug"),
        to_field_name="slug",
        empty_label=empty_label or _("Toutes les communes"),
        widget=FastSelect,
        **kwargs,
    )


def epci_filter(field_name="epci"):
    return NamedModelChoiceFilter(
        label=_("Intercommunalité"),
        field_name=field_name,
        queryset=EPCI.objects.all(),
        to_field_name="siren",
        empty_label=_("Toutes les intercommunalités"),
        widget=FastSelect,
    )


class FacilityByNameField(forms.ModelChoiceField):
    """A facility typed by its name, with suggestions as one types (``static/js/suggest.js``):
    a <select> of every facility would weigh 330 KB at 5,000 facilities. Also accepted: the
    facility's id or FINESS number (links from elsewhere in the portal)."""

    examples_shown = 3

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SuggestInput(reverse_lazy("territory:facility_suggestions")))
        super().__init__(*args, **kwargs)
        self.resolved = {}

    def __deepcopy__(self, memo):
        field = super().__deepcopy__(memo)
        field.resolved = {}  # each form its own
        return field

    def prepare_value(self, value):
        if isinstance(value, HealthFacility):
            return value.label_with_commune
        if isinstance(value, str) and value in self.resolved:
            return self.resolved[value].label_with_commune
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).replace("\x00", "").strip()[:200]  # PostgreSQL refuses NUL
        if not text:
            return None
        facility = self.find(text)
        self.resolved[str(value)] = facility
        return facility

    def find(self, text):
        facilities = self.queryset.select_related("commune").order_by("pk")
        if text.isdigit() and len(text) <= 9:
            found = facilities.filter(Q(pk=int(text)) | Q(finess_et=text)).first()
            if found:
                return found
        label, separator, commune_name = text.rpartition(HealthFacility.LABEL_SEPARATOR)
        if separator:
            found = facilities.named(label.strip(), commune_name.strip()).first()
            if found:
                return found
        matches = list(facilities.matching(text)[: self.examples_shown + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(
                _(
                    "Aucun établissement ne correspond à « %(text)s » : vérifiez l’orthographe "
                    "ou tapez une partie de son nom ou de sa commune."
                ),
                code="invalid_choice",
                params={"text": text},
            )
        examples = ", ".join(
            f"« {facility.label_with_commune} »" for facility in matches[: self.examples_shown]
        )
        raise ValidationError(
            _(
                "Plusieurs établissements correspondent à « %(text)s », par exemple %(examples)s : "
                "précisez le nom, ou choisissez-le parmi les suggestions qui s’affichent pendant "
                "la saisie."
            ),
            code="ambiguous",
            params={"text": text, "examples": examples},
        )


class FacilityByNameFilter(django_filters.ModelChoiceFilter):
    field_class = FacilityByNameField


def facility_filter(label, **kwargs):
    """A search's "around this facility": one of the mapped facilities, typed by name."""
    return FacilityByNameFilter(
        label=label,
        queryset=HealthFacility.objects.mapped().only(
            "name", "display_name", "point", "commune__name"
        ),
        **kwargs,
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
