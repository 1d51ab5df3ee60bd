from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from replacements.enums import Weekday
from replacements.filters import DATE_WIDGET
from replacements.models import Availability, ProfessionalCheck, ReplacementProfile
from territory.models import Commune
from vsa_portal.widgets import FastSelect


class ProfileForm(forms.ModelForm):
    class Meta:
        model = ReplacementProfile
        fields = [
            "profession",
            "status",
            "licence_ends_on",
            "rpps",
            "software",
            "fee_share",
            "secretariat",
            "home_visits",
            "on_call",
            "needs_housing",
            "name_display",
            "consent_to_list",
            "digest_opt_in",
        ]
        widgets = {"licence_ends_on": DATE_WIDGET}

    def save(self, commit=True):
        profile = super().save(commit=False)
        if profile.consent_to_list and "consent_to_list" in self.changed_data:
            profile.consent_given_at = timezone.now()
        # Saving the profile is confirming it: the three months start again.
        profile.confirmed_at = timezone.now()
        if commit:
            profile.save()
        return profile


class AvailabilityForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Seulement ces jours de la semaine"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Laissez vide si vous êtes disponible tous les jours de la période."),
    )
    centre = forms.ModelChoiceField(
        label=_("Autour de la commune"),
        queryset=Commune.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        widget=FastSelect,
    )
    communes = forms.ModelMultipleChoiceField(
        label=_("Ou dans ces communes"),
        queryset=Commune.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        help_text=_("Au lieu d’un rayon : les communes où vous acceptez de remplacer."),
    )

    class Meta:
        model = Availability
        fields = ["kind", "starts_on", "ends_on", "weekdays", "centre", "radius_km", "communes"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La date de fin précède la date de début."))
        if end and end < timezone.localdate():
            self.add_error("ends_on", _("Cette période est déjà passée."))
        if not data.get("centre") and not data.get("communes"):
            self.add_error(
                "centre", _("Choisissez une commune et un rayon, ou une liste de communes.")
            )
        return data


class ProfessionalCheckForm(forms.ModelForm):
    class Meta:
        model = ProfessionalCheck
        fields = ["rpps"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rpps"].required = True


class ContactForm(forms.Form):
    starts_on = forms.DateField(label=_("Remplacement du"), required=False, widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("au"), required=False, widget=DATE_WIDGET)
    message = forms.CharField(
        label=_("Votre message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Présentez votre cabinet, les dates et les conditions. Le portail transmet votre "
            "message avec votre adresse e-mail, pour que le remplaçant vous réponde."
        ),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La date de fin précède la date de début."))
        return data
