"""The sitemap: an index (``/sitemap.xml``) of one sitemap per section, each with its last
change: the rubrics' fixed pages, the territory's communes, every registered public kind."""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from vsa_portal import kinds


class StaticPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        names = [
            "home",
            "offers:landing",
            "offers:list",
            "offers:map",
            "territory:commune_list",
            "territory:facility_list",
            "territory:cpts_list",
            "territory:living_here",
            "aids:landing",
            "aids:simulator",
            "interns:landing",
            "agenda:landing",
            "agenda:month",
            "agenda:past",
            "agenda:map",
            "collective:landing",
            "collective:legal_notice",
            "collective:personal_data",
            "collective:accessibility",
            "collective:data_sources",
            "collective:contact",
            "support:landing",
            "support:request",
            "open_data:index",
            "api:documentation",
        ]
        # Every kind's public list, even one that lives outside the rubrics above.
        names += [kind.list_url for kind in kinds.public() if kind.list_url]
        # And the fixed pages a kind's rubric declares (its map, its practical pages…).
        names += [name for kind in kinds.public() for name in kind.extra.get("sitemap_pages", ())]
        return list(dict.fromkeys(names))

    def location(self, item):
        return reverse(item)


class KindSitemap(Sitemap):
    """Every public item of one registered kind."""

    changefreq = "weekly"
    limit = 5000

    def __init__(self, kind):
        self.kind = kind

    def items(self):
        return self.kind.published().order_by("pk")

    def lastmod(self, item):
        return getattr(item, "updated_at", None)

    def get_latest_lastmod(self):
        """The index's date for the kind, in one query rather than by reading every item."""
        if not any(field.name == "updated_at" for field in self.kind.model._meta.fields):
            return None
        return self.kind.published().aggregate(latest=Max("updated_at"))["latest"]


class CommuneSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        Commune = apps.get_model("territory", "Commune")
        return Commune.objects.only("slug").order_by("slug")


def sitemaps():
    """Built at request time, once the apps have registered their kinds."""
    return {
        "pages": StaticPagesSitemap,
        "communes": CommuneSitemap,
        **{kind.key: KindSitemap(kind) for kind in kinds.public() if kind.sitemap},
    }
