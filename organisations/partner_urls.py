from django.urls import path

from organisations import partner_views

app_name = "partners"

urlpatterns = [
    path("", partner_views.home, name="home"),
    path("inviter/", partner_views.invite, name="invite"),
    path("offres/nouvelle/", partner_views.offer_create, name="offer_create"),
    path("evenements/nouveau/", partner_views.event_create, name="event_create"),
    path("evenements/<int:pk>/modifier/", partner_views.event_edit, name="event_edit"),
    path("evenements/<int:pk>/retirer/", partner_views.event_withdraw, name="event_withdraw"),
    path(
        "evenements/<int:pk>/inscriptions/",
        partner_views.event_registrations,
        name="event_registrations",
    ),
    path("offres/<int:pk>/modifier/", partner_views.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/retirer/", partner_views.offer_withdraw, name="offer_withdraw"),
    path("offres/<int:pk>/pourvue/", partner_views.offer_fill, name="offer_fill"),
]
