from django import forms
from django.utils.translation import gettext_lazy as _

from offers.models import Offer
from vsa_portal.forms import SingleLineFieldsMixin


class PartnerOfferForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = Offer
        # The organisation, then every field the moderation compares between versions.
        fields = list(
            dict.fromkeys(["organisation", *(n.removesuffix("_id") for n in Offer.SNAPSHOT_FIELDS)])
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = True
        self.fields["organisation"].empty_label = None
        self.fields["commune"].queryset = self.fields["commune"].queryset.only("name", "slug")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin précède le début."))
        low, high = data.get("salary_min"), data.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", _("Le salaire maximum est inférieur au minimum."))
        percent = data.get("retrocession_percent")
        if percent is not None and percent > 100:
            self.add_error(
                "retrocession_percent", _("La rétrocession est un pourcentage, de 0 à 100.")
            )
        return data
