from django.urls import path

from aids import views

app_name = "aids"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("aides/", views.aid_list, name="list"),
    path("aides/<slug:slug>/", views.aid_detail, name="detail"),
    path("simulateur/", views.simulator, name="simulator"),
]
