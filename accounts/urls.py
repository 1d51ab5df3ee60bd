from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("favoris/", views.favorites, name="favorites"),
    path("favoris/<slug:kind>/<int:pk>/", views.toggle_favorite, name="toggle_favorite"),
    path("alertes/", views.alerts, name="alerts"),
    path("alertes/<int:pk>/supprimer/", views.delete_alert, name="delete_alert"),
    path("alertes/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.download_my_data, name="download_my_data"),
    path("supprimer/", views.delete_my_account, name="delete_account"),
]
