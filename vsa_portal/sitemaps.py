from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "offers:landing",
            "offers:list",
            "territory:commune_list",
            "territory:facility_list",
            "aids:landing",
            "interns:landing",
            "agenda:landing",
            "agenda:month",
            "agenda:past",
            "collective:landing",
            "collective:legal_notice",
            "collective:personal_data",
            "collective:accessibility",
            "collective:data_sources",
        ]

    def location(self, item):
        return reverse(item)
