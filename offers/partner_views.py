"""The offers' own action in the partner space: an offer marked filled."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from offers.models import Offer
from organisations.access import get_for_partner, partner_required


@require_POST
@partner_required
def offer_fill(request, pk):
    offer = get_for_partner(request, Offer.objects.all(), pk=pk)
    offer.filled_on = timezone.localdate()
    offer.save(update_fields=["filled_on", "updated_at"])
    messages.success(
        request, _("Bravo : l’offre « %(title)s » est pourvue.") % {"title": offer.title}
    )
    return redirect("partners:home")
