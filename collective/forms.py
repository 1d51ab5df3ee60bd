import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collective.enums import Indicator
from collective.models import ContactMessage
from vsa_portal.forms import validate_single_line


def refuse_control_characters(value):
    """A single-line field holds no control character (line breaks, tabulations, NUL...)."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(
            _(
                "Ce champ tient sur une ligne : retirez les retours à la ligne et caractères spéciaux."
            ),
            code="control_characters",
        )


class ContactForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "J’accepte que mon nom, mon adresse et mon message soient conservés et transmis à la "
            "cheffe de projet santé pour qu’elle me réponde."
        ),
        error_messages={
            "required": _("Votre accord est nécessaire pour transmettre votre message.")
        },
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        labels = {"name": _("Nom et prénom"), "email": _("Adresse e-mail")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        }
        error_messages = {
            "name": {"required": _("Indiquez votre nom.")},
            "email": {
                "required": _("Indiquez votre adresse e-mail, pour que l’on puisse vous répondre."),
                "invalid": _("Cette adresse e-mail n’est pas valide (exemple : nom@exemple.fr)."),
            },
            "subject": {
                "required": _("Choisissez le sujet de votre message."),
                "invalid_choice": _("Choisissez un sujet dans la liste."),
            },
            "message": {"required": _("Écrivez votre message.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "—"), *self.fields["subject"].choices[1:]]
        for name in ("name", "email"):
            self.fields[name].validators.append(refuse_control_characters)

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def save(self, commit=True):
        message = super().save(commit=False)
        message.consent_given_at = timezone.now()
        message.consent_version = ContactMessage.CONSENT_VERSION
        if commit:
            message.save()
        return message


class ObservatoryImportForm(forms.Form):
    """The project lead's upload of a newer official file into the observatory."""

    MAX_BYTES = 20 * 1024 * 1024

    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Une ligne par commune (colonne du code INSEE : commune_insee, codgeo ou depcom ; "
            "colonne de la valeur : valeur), ou le fichier détaillé de la BPE (typequ, nb_equip)."
        ),
    )
    indicator = forms.ChoiceField(label=_("Indicateur"), choices=Indicator.choices)
    vintage = forms.CharField(
        label=_("Millésime"),
        max_length=40,
        validators=[validate_single_line],
        help_text=_("Par exemple « BPE 2024 » ou « APL 2023 »."),
    )
    dry_run = forms.BooleanField(
        label=_("Essai à blanc : lire et vérifier le fichier sans rien enregistrer"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 20 Mo."))
        return upload
