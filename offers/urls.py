from django.urls import path

from offers import views
from offers.feeds import LatestOffersFeed

app_name = "offers"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("offres/", views.offer_list, name="list"),
    path("offres/carte/", views.offer_map, name="map"),
    path("offres/flux.atom", LatestOffersFeed(), name="feed"),
    path("offres/<int:pk>-<slug:slug>/", views.offer_detail, name="detail"),
    path("offres/<int:pk>/contact/", views.offer_contact, name="contact"),
]
