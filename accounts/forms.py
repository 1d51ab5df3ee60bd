from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import SavedSearch, User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "querystring", "frequency"]
        widgets = {"querystring": forms.HiddenInput}
        labels = {"name": _("Nom de l’alerte")}

    def clean_querystring(self):
        from django.http import QueryDict

        from offers.filters import OfferFilter

        querystring = self.cleaned_data["querystring"].lstrip("?")
        params = QueryDict(querystring, mutable=True)
        params.pop("page", None)
        if not OfferFilter(params).is_valid():
            raise forms.ValidationError(
                _("Ces filtres ne sont pas valides : corrigez la recherche d’abord.")
            )
        return params.urlencode()
