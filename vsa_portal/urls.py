import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from vsa_portal import api_urls, views

admin.site.site_header = _("Administration du portail %(name)s") % {"name": settings.PORTAL["NAME"]}
admin.site.site_title = settings.PORTAL["SHORT_NAME"]
admin.site.index_title = _("Tableau de bord de la cheffe de projet")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("territoire/theme.css", views.theme_css, name="theme_css"),
    path("territoire/logo", views.territory_logo, name="territory_logo"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("", include("territory.urls")),
    path("exercer/remplacants/", include("replacements.urls")),
    path("exercer/", include("offers.urls")),
    path("s-installer/logements/", include("housing.urls")),
    path("s-installer/", include("aids.urls")),
    path("internes/", include("interns.urls")),
    path("agenda/", include("agenda.urls")),
    path("collectif/", include("collective.urls")),
    path("compte/", include("accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("espace-partenaire/", include("organisations.partner_urls")),
    path("accompagnement/", include("support.urls")),
    path("recherche/", include("search.urls")),
    path("donnees-ouvertes/", include("vsa_portal.open_data_urls")),
    path("api/v1/", api_urls.api.urls),
    path("admin/", admin.site.urls),
]

# Uploaded files (re-encoded logos and event images), in every environment: whitenoise serves
# only static files. A proxy in front may serve MEDIA_ROOT at /media/ itself (README).
urlpatterns.append(
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", views.media, name="media"
    )
)
