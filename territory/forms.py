from django import forms
from django.utils.translation import gettext_lazy as _

MAX_ZONING_FILE_BYTES = 2 * 1024 * 1024


class ZoningImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV du zonage"),
        help_text=_(
            "Deux colonnes : « insee » (ou « code_insee ») et « zone » (ZIP, ZAC, vigilance, "
            "hors zonage). Séparateur virgule ou point-virgule, encodage UTF-8 de préférence."
        ),
    )
    valid_from = forms.DateField(
        label=_("En vigueur depuis le"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=255,
        help_text=_("Par exemple : arrêté de l’ARS Provence-Alpes-Côte d’Azur du …"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ZONING_FILE_BYTES:
            raise forms.ValidationError(
                _("Le fichier dépasse 2 Mo : un zonage tient en quelques kilo-octets.")
            )
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choisissez un fichier CSV (.csv)."))
        return upload


MAX_REFERENCE_FILE_BYTES = 5 * 1024 * 1024


class ReferenceFileImportForm(forms.Form):
    """A reference file (schools, stations) uploaded by the project lead, with a dry run."""

    file = forms.FileField(label=_("Fichier CSV"))
    dry_run = forms.BooleanField(
        label=_("Essai à blanc"),
        required=False,
        initial=True,
        help_text=_("Vérifier le fichier et voir ce qui changerait, sans rien enregistrer."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_REFERENCE_FILE_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choisissez un fichier CSV (.csv)."))
        return upload
