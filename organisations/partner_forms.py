from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from vsa_portal.forms import SingleLineFieldsMixin


class InvitationForm(SingleLineFieldsMixin, forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de votre collègue"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
