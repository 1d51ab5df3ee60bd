from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interns.filters import MAX_HOUSING_KM
from interns.models import SchoolVisitRequest


class SchoolVisitForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "J’accepte que ces informations soient conservées et utilisées par la cheffe de "
            "projet santé pour organiser l’intervention, puis supprimées deux ans après."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour traiter la demande.")},
    )

    class Meta:
        model = SchoolVisitRequest
        fields = [
            "school",
            "commune",
            "contact_name",
            "contact_role",
            "email",
            "phone",
            "level",
            "pupils",
            "speaker",
            "period",
            "message",
        ]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {"phone": _("Facultatif."), "message": _("Facultatif.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].required = True
        self.fields["commune"].queryset = self.fields["commune"].queryset.only("name", "slug")

    def save(self, commit=True):
        visit = super().save(commit=False)
        visit.consent_given_at = timezone.now()
        visit.consent_version = SchoolVisitRequest.CONSENT_VERSION
        if commit:
            visit.save()
        return visit


class HousingRadiusForm(forms.Form):
    """The radius a site's page shows housing within: the one the intern chose on the list
    (?logements_km=), or the default when absent or not a sensible number."""

    logements_km = forms.IntegerField(min_value=1, max_value=MAX_HOUSING_KM, required=False)

    def radius(self, default):
        return (self.is_valid() and self.cleaned_data["logements_km"]) or default
