from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from housing.enums import HousingAudience
from housing.models import MAX_PHOTOS, Housing, HousingContact, HousingPhoto
from organisations.enums import OrganisationKind
from vsa_portal.images import reencode_image

DATE_WIDGET = {"type": "date"}
RENT_MESSAGE = _("Le loyer doit être supérieur à zéro.")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_OUTPUT_SIDE = 1600


def landlord_is_confirmed(organisation):
    from housing.models import LandlordConfirmation

    return LandlordConfirmation.objects.filter(organisation=organisation).exists()


class PartnerHousingForm(forms.ModelForm):
    class Meta:
        model = Housing
        fields = [
            "organisation",
            "title",
            "description",
            "housing_type",
            "furnished",
            "rent",
            "charges",
            "deposit",
            "surface",
            "available_from",
            "available_until",
            "min_stay_months",
            "max_stay_months",
            "fits_winter_semester",
            "fits_summer_semester",
            "audiences",
            "accessible",
            "parking",
            "commune",
            "address",
            "place_precision",
            "contact_name",
            "contact_email",
            "contact_phone",
            "expires_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "available_from": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        }
        help_texts = {
            "contact_email": _(
                "Jamais affichée : les demandes vous sont transmises par le portail."
            ),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = True
        self.fields["organisation"].empty_label = None
        self.fields["audiences"] = forms.MultipleChoiceField(
            label=_("Publics"),
            choices=HousingAudience.choices,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["commune"].queryset = self.fields["commune"].queryset.only("name", "slug")
        self.fields["rent"].validators = [MinValueValidator(1, RENT_MESSAGE)]
        self.fields["rent"].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("Cette date précède la date de disponibilité."))
        low, high = data.get("min_stay_months"), data.get("max_stay_months")
        if low and high and low > high:
            self.add_error("max_stay_months", _("La durée maximale est inférieure à la minimale."))
        if data.get("place_precision") == "exact" and not data.get("address"):
            self.add_error("address", _("Indiquez l’adresse, ou choisissez « commune seulement »."))
        organisation = data.get("organisation")
        if (
            "submit" in self.data
            and organisation is not None
            and organisation.kind == OrganisationKind.LANDLORD
            and not landlord_is_confirmed(organisation)
        ):
            raise ValidationError(
                _(
                    "La cheffe de projet doit d’abord confirmer votre compte de propriétaire "
                    "(elle vous contacte pour vérifier votre identité et le logement). En "
                    "attendant, enregistrez votre annonce en brouillon : vous pourrez la "
                    "soumettre dès la confirmation."
                ),
                code="landlord_not_confirmed",
            )
        return data


class HousingPhotoForm(forms.ModelForm):
    # A plain file field: the checks, and their messages, are those of reencode_image.
    image = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG, WebP ou GIF, 5 Mo au plus. Les métadonnées (dont la position GPS) "
            "sont retirées et la photo est redimensionnée."
        ),
        error_messages={"required": _("Choisissez une photo à envoyer.")},
    )

    class Meta:
        model = HousingPhoto
        fields = ["image", "alt_text"]

    def __init__(self, *args, housing, **kwargs):
        super().__init__(*args, **kwargs)
        self.housing = housing
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image is None:
            return image
        return reencode_image(image, max_bytes=PHOTO_MAX_BYTES, output_side=PHOTO_OUTPUT_SIDE)

    def clean(self):
        data = super().clean()
        if self.housing.photos.count() >= MAX_PHOTOS:
            raise ValidationError(
                _("Un logement a %(max)s photos au plus : retirez-en une avant d’en ajouter.")
                % {"max": MAX_PHOTOS}
            )
        return data

    def save(self, commit=True):
        photo = super().save(commit=False)
        photo.housing = self.housing
        photo.position = self.housing.photos.count()
        if commit:
            photo.save()
        return photo


class HousingContactForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "J’accepte que mes coordonnées et mon message soient transmis à la personne qui "
            "propose ce logement et à la cheffe de projet santé pour qu’elles me répondent."
        ),
        error_messages={
            "required": _("Votre accord est nécessaire pour transmettre votre message.")
        },
    )

    class Meta:
        model = HousingContact
        fields = ["name", "email", "phone", "status", "arrival", "departure", "message"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "arrival": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "departure": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        }
        help_texts = {
            "phone": _("Facultatif."),
            "arrival": _("Facultatif."),
            "departure": _("Facultatif."),
        }

    def clean(self):
        data = super().clean()
        arrival, departure = data.get("arrival"), data.get("departure")
        if arrival and departure and departure < arrival:
            self.add_error("departure", _("Le départ précède l’arrivée."))
        return data

    def save(self, housing):
        contact = super().save(commit=False)
        contact.housing = housing
        contact.consent_given_at = timezone.now()
        contact.consent_version = HousingContact.CONSENT_VERSION
        contact.save()
        return contact
