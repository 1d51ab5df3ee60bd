from django.urls import path

from interns import views

app_name = "interns"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("terrains-de-stage/", views.site_list, name="site_list"),
    path("terrains-de-stage/<int:pk>-<slug:slug>/", views.site_detail, name="site_detail"),
    path("infos-pratiques/", views.practical, name="practical"),
    path("etudes-de-medecine/", views.studies, name="studies"),
]
