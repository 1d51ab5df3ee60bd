from django.urls import path

from aids import views

app_name = "aids"

urlpatterns = [
    path("", views.landing, name="landing"),
]
