from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Profession
from aids.enums import Answer, PracticeMode, PreviousAidFunder, Sector, Situation
from territory.models import Commune
from vsa_portal.search import NamedModelChoiceField
from vsa_portal.widgets import FastSelect

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def with_blank(choices, label):
    return [("", label), *choices]


class SimulatorForm(forms.Form):
    """The simulator's GET form; every field but the situation may stay unanswered."""

    situation = forms.ChoiceField(label=_("Votre situation"), choices=Situation.choices)
    # options read as (slug, name) pairs, no model instance per option (151 communes)
    profession = NamedModelChoiceField(
        label=_("Profession"),
        queryset=Profession.objects.order_by("position", "pk"),
        to_field_name="slug",
        required=False,
        empty_label=_("Non précisée"),
        widget=FastSelect,
    )
    commune = NamedModelChoiceField(
        label=_("Commune du projet (ou du stage)"),
        queryset=Commune.objects.select_related("epci").only(
            "name", "slug", "insee_code", "epci__siren"
        ),
        to_field_name="slug",
        required=False,
        empty_label=_("Choisir une commune"),
        widget=FastSelect,
    )
    qpv = forms.ChoiceField(
        label=_("Dans un quartier prioritaire (QPV) ?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Date prévue de l’installation (ou du stage)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Le zonage est celui en vigueur à cette date ; aujourd’hui par défaut."),
    )
    mode = forms.ChoiceField(
        label=_("Mode d’exercice"),
        choices=with_blank(PracticeMode.choices, _("Non précisé / non concerné")),
        required=False,
    )
    secteur = forms.ChoiceField(
        label=_("Secteur conventionnel"),
        choices=with_blank(Sector.choices, _("Non précisé / non concerné")),
        required=False,
    )
    jours = forms.DecimalField(
        label=_("Jours d’exercice par semaine"),
        min_value=0,
        max_value=7,
        decimal_places=1,
        required=False,
    )
    premiere = forms.ChoiceField(
        label=_("Première installation en libéral ?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    inscription = forms.ChoiceField(
        label=_("Inscrit·e à l’Ordre depuis moins d’un an ?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    secondaire = forms.BooleanField(label=_("Il s’agit d’un cabinet secondaire"), required=False)
    aide_anterieure = forms.ChoiceField(
        label=_("Aide à l’installation déjà reçue"),
        choices=with_blank(PreviousAidFunder.choices, _("Aucune")),
        required=False,
    )
    aide_date = forms.DateField(
        label=_("Date de cette aide (convention signée ou aide versée)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_date(self):
        value = self.cleaned_data.get("date")
        if value and not (EARLIEST_DATE <= value <= LATEST_DATE):
            raise forms.ValidationError(_("Choisissez une date entre 2000 et 2100."))
        return value

    def clean_aide_date(self):
        value = self.cleaned_data.get("aide_date")
        if value and not (EARLIEST_DATE <= value <= LATEST_DATE):
            raise forms.ValidationError(_("Choisissez une date entre 2000 et 2100."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("aide_date") and not data.get("aide_anterieure"):
            self.add_error(
                "aide_anterieure", _("Indiquez qui a versé l’aide dont vous donnez la date.")
            )
        return data

    def answers(self):
        """The facts the person gave, for aids.simulator.build_facts."""
        data = self.cleaned_data
        profession = data.get("profession")
        return {
            "situation": data["situation"],
            "planned_date": data.get("date") or timezone.localdate(),
            "profession": profession.slug if profession else "",
            "mode": data.get("mode") or "",
            "sector": data.get("secteur") or "",
            "commune": data.get("commune"),
            "in_qpv": data.get("qpv") or Answer.UNKNOWN,
            "days_per_week": data.get("jours"),
            "first_installation": data.get("premiere") or Answer.UNKNOWN,
            "recently_registered": data.get("inscription") or Answer.UNKNOWN,
            "secondary_site": bool(data.get("secondaire")),
            "previous_aid_funder": data.get("aide_anterieure") or "",
            "previous_aid_date": data.get("aide_date"),
        }
