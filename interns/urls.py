from django.urls import path

from interns import views

app_name = "interns"

urlpatterns = [
    path("", views.landing, name="landing"),
]
