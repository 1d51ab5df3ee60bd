from django.contrib.sitemaps import Sitemap

from offers.models import Offer


class OfferSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Offer.objects.available().only("pk", "title", "updated_at").order_by("pk")

    def lastmod(self, offer):
        return offer.updated_at
