from django.urls import path

from tests.kindapp import views

app_name = "kindapp"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/", views.notice_detail, name="detail"),
]
