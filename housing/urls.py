from django.urls import path

from housing import views

app_name = "housing"

urlpatterns = [
    path("", views.housing_list, name="list"),
    path("carte/", views.housing_map, name="map"),
    path("<int:pk>-<slug:slug>/", views.housing_detail, name="detail"),
    path("<int:pk>/contact/", views.housing_contact, name="contact"),
    path("photos/<int:pk>/", views.photo, name="photo"),
]
