from django.urls import include, path

from organisations import partner_views
from vsa_portal import kinds

app_name = "partners"


def kind_specific_urls():
    """The kinds' own partner actions (an offer marked filled, an event's registrations)."""
    patterns = []
    for kind in kinds.postable():
        for route, view, name in kind.partner.extra_urls:
            patterns.append(path(f"{kind.key}/{route}", view, name=name))
    return patterns


urlpatterns = [
    path("", partner_views.home, name="home"),
    path("inviter/", partner_views.invite, name="invite"),
    path("<slug:kind_key>/ajouter/", partner_views.content_form, name="create"),
    path("<slug:kind_key>/<int:pk>/modifier/", partner_views.content_form, name="edit"),
    path("<slug:kind_key>/<int:pk>/retirer/", partner_views.content_withdraw, name="withdraw"),
    path("", include(kind_specific_urls())),
]
