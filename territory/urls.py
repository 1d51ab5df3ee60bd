from django.urls import path

from territory import views

app_name = "territory"

urlpatterns = [
    path("carte/couches/<slug:name>.geojson", views.layer, name="layer"),
    path("exercer/communes/", views.commune_list, name="commune_list"),
    path("exercer/communes/<slug:slug>/", views.commune_detail, name="commune_detail"),
    path("exercer/etablissements/", views.facility_list, name="facility_list"),
    path(
        "exercer/etablissements/suggestions/",
        views.facility_suggestions,
        name="facility_suggestions",
    ),
    path("exercer/cpts/", views.cpts_list, name="cpts_list"),
    path("exercer/vivre-et-exercer/", views.living_here, name="living_here"),
]
