from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("passes/", views.past, name="past"),
    path("calendrier/", views.month, name="month"),
    path("carte/", views.event_map, name="map"),
    path("flux.ics", views.feed, name="feed"),
    path("<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("<int:pk>/agenda.ics", views.event_ics, name="ics"),
    path("<int:pk>/inscription/", views.registration, name="register"),
    path("inscription/confirmer/<str:token>/", views.confirm_registration, name="confirm"),
    path("inscription/annuler/<str:token>/", views.cancel_registration, name="cancel"),
]
