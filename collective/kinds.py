"""The collective's news in the registry of kinds of content: public, in the sitemap and on the
home page; written by the project lead in the admin (partners do not post news)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vsa_portal.kinds import Kind

HOME_NEWS_COUNT = 3


def published_news():
    from collective.models import News

    return News.objects.latest()


def search_document(news):
    return {"title": news.title, "text": f"{news.summary}\n{news.body}", "commune": None}


def home_section():
    items = list(published_news()[:HOME_NEWS_COUNT])
    if not items:
        return None
    return {
        "title": _("Les actualités du collectif"),
        "items": items,
        "template": "collective/includes/news_card.html",
        "url": reverse("collective:news_list"),
        "link_label": _("Toutes les actualités"),
    }


def living_section():
    from collective.models import Testimonial

    items = list(Testimonial.objects.shown().select_related("commune")[:HOME_NEWS_COUNT])
    if not items:
        return None
    return {
        "title": _("Ils se sont installés"),
        "items": items,
        "template": "collective/includes/testimonial_card.html",
        "url": reverse("collective:landing"),
        "link_label": _("Le collectif et tous ses témoignages"),
    }


def build_kind():
    from collective.demo import generate_demo_news
    from collective.models import News

    return Kind(
        key="actualites",
        model=News,
        label=gettext_lazy("actualité"),
        label_plural=gettext_lazy("actualités"),
        gender="f",
        public=True,
        published=published_news,
        list_url="collective:news_list",
        card_template="collective/includes/news_card.html",
        layer=None,
        partner=None,
        favorite=False,
        alert=None,
        near_commune=None,
        sitemap=True,
        demo=generate_demo_news,
        bench=None,
        personal_data=None,
        search_document=search_document,
        admin_permissions=(
            ("news", ("view", "add", "change", "delete")),
            ("teammember", ("view", "add", "change", "delete")),
            ("testimonial", ("view", "add", "change", "delete")),
            ("observatoryimport", ("view", "add")),
            ("communeindicator", ("view",)),
        ),
        home_section=home_section,
        living_section=living_section,
        extra={
            "sitemap_pages": (
                "collective:key_figures",
                "collective:yearly_report",
                "collective:observatory",
            )
        },
    )
