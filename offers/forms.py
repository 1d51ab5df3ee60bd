from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import OfferContact
from vsa_portal.forms import SingleLineFieldsMixin


class OfferContactForm(SingleLineFieldsMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "J’accepte que mes coordonnées et mon message soient transmis à l’auteur de l’offre "
            "et à la cheffe de projet santé pour qu’ils me répondent."
        ),
        error_messages={
            "required": _("Votre accord est nécessaire pour transmettre votre message.")
        },
    )

    class Meta:
        model = OfferContact
        fields = ["name", "email", "phone", "status", "message"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {"phone": _("Facultatif.")}

    def save(self, offer):
        contact = super().save(commit=False)
        contact.offer = offer
        contact.consent_given_at = timezone.now()
        contact.consent_version = OfferContact.CONSENT_VERSION
        contact.save()
        return contact
