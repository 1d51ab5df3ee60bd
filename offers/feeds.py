from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from offers.models import Offer


class LatestOffersFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Nouvelles offres d’exercice — %(name)s") % {"name": settings.PORTAL["NAME"]}

    def subtitle(self):
        return _(
            "Les dernières offres publiées : remplacements, collaborations, associations, successions."
        )

    def link(self):
        return reverse("offers:list")

    def items(self):
        return (
            Offer.objects.available()
            .select_related("commune", "profession")
            .order_by("-published_at", "-pk")[:30]
        )

    def item_title(self, offer):
        label = f"{offer.get_kind_display()} — {offer.title} ({offer.commune.name})"
        return f"[{_('démo')}] {label}" if offer.is_demo else label

    def item_description(self, offer):
        # Atom declares the summary as HTML: the partner's text is escaped, so that markup in it
        # is shown as text by feed readers, never run.
        text = (
            f"{offer.dates_label}\n\n{offer.description}"
            if offer.dates_label
            else offer.description
        )
        return linebreaksbr(text, autoescape=True)

    def item_categories(self, offer):
        return [offer.get_kind_display(), offer.profession.name]

    def item_pubdate(self, offer):
        return offer.published_at

    def item_updateddate(self, offer):
        return offer.updated_at
