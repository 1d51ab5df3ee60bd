from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Event, Registration
from vsa_portal.forms import SingleLineFieldsMixin
from vsa_portal.images import reencode_image


class RegistrationForm(SingleLineFieldsMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "J’accepte que mon nom et mon adresse e-mail soient transmis à l’organisateur de l’événement."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour vous inscrire.")},
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "profile"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }


class PartnerEventForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "organisation",
            "title",
            "kind",
            "audiences",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "commune",
            "online_url",
            "description",
            "image",
            "registration_mode",
            "registration_url",
            "capacity",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        from agenda.enums import Audience

        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = True
        self.fields["organisation"].empty_label = None
        self.fields["audiences"] = forms.MultipleChoiceField(
            label=_("Publics"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
        )
        self.fields["commune"].queryset = self.fields["commune"].queryset.only("name", "slug")

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):
            return reencode_image(image)
        return image

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("La fin précède le début."))
        if not data.get("commune") and not data.get("online_url"):
            self.add_error(
                "commune", _("Indiquez une commune, ou un lien pour un événement en ligne.")
            )
        mode = data.get("registration_mode")
        if mode == "externe" and not data.get("registration_url"):
            self.add_error("registration_url", _("Indiquez le lien d’inscription."))
        if mode == "portail" and not data.get("capacity"):
            self.add_error("capacity", _("Indiquez le nombre de places."))
        return data
