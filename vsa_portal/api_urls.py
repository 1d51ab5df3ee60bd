from django.urls import path

from vsa_portal import api

app_name = "api"

urlpatterns = [
    path("", api.documentation, name="documentation"),
    path("openapi.json", api.openapi, name="openapi"),
    path("<slug:key>/", api.item_list, name="list"),
    path("<slug:key>/<int:pk>/", api.item_detail, name="detail"),
]
