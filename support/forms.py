from django import forms
from django.utils.translation import gettext_lazy as _

from support.enums import DossierStatus
from support.models import Dossier, Message
from vsa_portal.forms import SingleLineFieldsMixin

CONSENT_VERSION = "2026-12"


class SupportRequestForm(SingleLineFieldsMixin, forms.ModelForm):
    """ "Être accompagné·e": everything the project lead needs to call back, nothing more."""

    consent = forms.BooleanField(
        label=_(
            "J’accepte que le service conserve ces informations pour m’accompagner, comme "
            "l’explique la notice ci-dessus (3 ans après le dernier contact, puis anonymisation)."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour traiter la demande.")},
    )
    # A field people never see: robots fill it in.
    website = forms.CharField(required=False, label=_("Laissez ce champ vide"))
    token = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Dossier
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "profession",
            "specialty",
            "situation",
            "project",
            "project_when",
            "communes",
            "anywhere",
            "mode",
            "came_from",
            "housing",
            "spouse_job",
            "children",
            "childcare",
            "message",
            "call_preference",
        ]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "communes": forms.SelectMultiple(attrs={"size": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }
        labels = {
            "project_when": _("Quand ? (par exemple « à l’automne 2027 »)"),
            "came_from": _("D’où venez-vous ?"),
            "spouse_job": _("Emploi recherché par votre conjoint·e (métier, secteur)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = (
            self.fields["communes"].queryset.only("name", "slug").order_by("name")
        )
        self.fields["communes"].required = False
        self.fields["profession"].empty_label = _("Choisir")

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Ce champ doit rester vide."))
        return ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if not data.get("anywhere") and not data.get("communes") and not self.errors:
            # Not an error: "anywhere" is the honest default when nothing is chosen.
            data["anywhere"] = True
        return data


class MessageForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Message
        fields = ["body"]
        labels = {"body": _("Votre message")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class PipelineFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Statut"), required=False, choices=[("", _("Tous")), *DossierStatus.choices]
    )
    q = forms.CharField(label=_("Nom, e-mail ou référence"), required=False, max_length=100)


class ReferralAnswerForm(SingleLineFieldsMixin, forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Votre réponse"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Précisions pour la cheffe de projet"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )
