from django.urls import path

from replacements import views

app_name = "replacements"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("mon-profil/", views.my_profile, name="my_profile"),
    path("mon-profil/disponibilites/", views.add_availability, name="add_availability"),
    path(
        "mon-profil/disponibilites/<int:pk>/retirer/",
        views.delete_availability,
        name="delete_availability",
    ),
    path("mon-profil/confirmer/", views.confirm, name="confirm"),
    path("mon-profil/retirer/", views.withdraw, name="withdraw"),
    path(
        "offres-par-e-mail/desabonnement/<str:token>/",
        views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
    path("verification/", views.professional_check, name="professional_check"),
]
