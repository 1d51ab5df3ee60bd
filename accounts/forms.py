from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import SavedSearch, User
from vsa_portal.forms import SingleLineFieldsMixin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class SavedSearchForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["kind", "name", "querystring", "frequency"]
        widgets = {"querystring": forms.HiddenInput, "kind": forms.HiddenInput}
        labels = {"name": _("Nom de l’alerte")}

    def clean_kind(self):
        from vsa_portal import kinds

        kind = kinds.get(self.cleaned_data["kind"])
        if kind is None or not kind.alert:
            raise forms.ValidationError(_("Ce type de contenu ne propose pas d’alerte."))
        return kind.key

    def clean(self):
        from django.http import QueryDict

        from vsa_portal import kinds

        data = super().clean()
        kind = kinds.get(data.get("kind") or "")
        if kind is None or "querystring" not in data:
            return data
        params = QueryDict(data["querystring"].lstrip("?"), mutable=True)
        params.pop("page", None)
        if not kind.alert.filterset_class(params).is_valid():
            self.add_error(
                "querystring",
                _("Ces filtres ne sont pas valides : corrigez la recherche d’abord."),
            )
        else:
            data["querystring"] = params.urlencode()
        return data


TERMS_VERSION = "2026-11"


class SignupForm(SingleLineFieldsMixin, forms.Form):
    """allauth's sign-up, plus the profile and the recorded consent."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    status = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=[("", "—"), *User._meta.get_field("status").choices],
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "J’accepte que le portail conserve mes données pour gérer mon compte, comme l’explique la page « Données personnelles »."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour créer un compte.")},
    )

    def signup(self, request, user):
        from django.utils import timezone

        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.status = self.cleaned_data["status"]
        user.terms_accepted_at = timezone.now()
        user.terms_version = TERMS_VERSION
        user.save()
        from organisations.invitations import accept_pending_for

        accept_pending_for(user)


class ProfileForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "status", "profession", "specialty"]
