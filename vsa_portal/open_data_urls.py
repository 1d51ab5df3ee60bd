from django.urls import path

from vsa_portal import open_data

app_name = "open_data"

urlpatterns = [
    path("", open_data.index, name="index"),
    path("catalogue.json", open_data.catalogue, name="catalogue"),
    path("<slug:key>.csv", open_data.export_csv, name="csv"),
    path("<slug:key>.json", open_data.export_json, name="json"),
    path("<slug:key>.atom", open_data.feed, name="feed"),
    path("<slug:key>/schema.json", open_data.schema, name="schema"),
]
