from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from support.documents import check_upload
from support.models import Document, Dossier, Message, SavedView
from vsa_portal.forms import SingleLineFieldsMixin
from vsa_portal.widgets import FastSelect, FastSelectMultiple

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
            # the 151 communes and every list of choices without a template per option
            "communes": FastSelectMultiple(attrs={"size": 6}),
            "profession": FastSelect,
            **dict.fromkeys(("situation", "project", "mode", "came_from"), FastSelect),
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


class NeedsForm(SingleLineFieldsMixin, forms.ModelForm):
    """The family's needs, as the requester corrects them (kept to the minimum: ages only)."""

    class Meta:
        model = Dossier
        fields = ["housing", "spouse_job", "children", "childcare", "call_preference"]
        labels = {"spouse_job": _("Emploi recherché par votre conjoint·e (métier, secteur)")}


class DocumentForm(forms.Form):
    """A document on a dossier: checked (size, content, antivirus) before anything is saved."""

    file = forms.FileField(
        label=_("Document (PDF, JPEG ou PNG)"),
        help_text=_("Un CV, un diplôme… %(size)s Mo au plus."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        size = settings.SUPPORT_DOCUMENT_MAX_BYTES / (1024 * 1024)
        self.fields["file"].help_text = self.fields["file"].help_text % {"size": f"{size:g}"}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if (
            self.dossier is not None
            and self.dossier.documents.count() >= settings.SUPPORT_DOCUMENTS_PER_DOSSIER
        ):
            raise forms.ValidationError(
                _("Ce dossier compte déjà %(count)s documents : c’est le maximum.")
                % {"count": settings.SUPPORT_DOCUMENTS_PER_DOSSIER}
            )
        self.checked = check_upload(upload)
        return upload

    def save(self, by):
        return Document.store(self.dossier, self.checked, self.cleaned_data["file"].name, by)


class SavedViewForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = SavedView
        fields = ["name"]
        labels = {"name": _("Enregistrer cette vue sous le nom")}

    def __init__(self, *args, user, query="", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.instance.query = query

    def clean(self):
        data = super().clean()
        if len(self.instance.query) > SavedView._meta.get_field("query").max_length:
            raise forms.ValidationError(_("Cette vue a trop de filtres pour être enregistrée."))
        return data

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if SavedView.objects.filter(user=self.instance.user, name=name).exists():
            raise forms.ValidationError(_("Vous avez déjà une vue de ce nom."))
        return name


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
