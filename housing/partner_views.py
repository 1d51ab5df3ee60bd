"""The housing's own pages in the partner space: its photos (up to eight, each with its alt
text), mounted by the registry under /espace-partenaire/logements/."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from housing.emails import notify_housing_submitted
from housing.forms import HousingPhotoForm
from housing.models import MAX_PHOTOS, Housing
from organisations.access import get_for_partner, partner_required
from vsa_portal.publication import PublicationStatus

# Photos may be added while the housing is being written or reviewed, and once published
# (it then goes back to moderation); not once expired or withdrawn.
PHOTO_EDITABLE = [
    PublicationStatus.DRAFT,
    PublicationStatus.SUBMITTED,
    PublicationStatus.REJECTED,
    PublicationStatus.PUBLISHED,
]


def back_to_moderation(request, housing):
    """A published housing whose photos change is read again before it returns."""
    if housing.status == PublicationStatus.PUBLISHED:
        housing.submit()
        housing.save(update_fields=["status", "rejection_reason", "submitted_at", "updated_at"])
        notify_housing_submitted(housing, request)
        messages.info(
            request,
            _("Le logement quitte le portail le temps que la cheffe de projet relise la photo."),
        )


@partner_required
def housing_photos(request, pk):
    housing = get_for_partner(request, Housing.objects.select_related("commune"), pk=pk)
    editable = housing.status in PHOTO_EDITABLE
    form = HousingPhotoForm(request.POST or None, request.FILES or None, housing=housing)
    status = 200
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Un logement expiré ou retiré ne se modifie plus."))
            return redirect("partners:home")
        if form.is_valid():
            with transaction.atomic():
                form.save()
                back_to_moderation(request, housing)
            messages.success(request, _("Photo ajoutée."))
            return redirect("partners:housing_photos", pk=housing.pk)
        status = 400
    photos = list(housing.photos.all())
    return render(
        request,
        "housing/partner/photos.html",
        {
            "housing": housing,
            "photos": photos,
            "form": form,
            "editable": editable,
            "max_photos": MAX_PHOTOS,
            "can_add": editable and len(photos) < MAX_PHOTOS,
        },
        status=status,
    )


@require_POST
@partner_required
def housing_photo_delete(request, pk, photo_pk):
    housing = get_for_partner(request, Housing.objects.all(), pk=pk)
    found = get_object_or_404(housing.photos, pk=photo_pk)
    storage, name = found.image.storage, found.image.name
    with transaction.atomic():
        found.delete()
        transaction.on_commit(lambda: storage.delete(name))
    messages.success(request, _("Photo retirée."))
    return redirect("partners:housing_photos", pk=housing.pk)
