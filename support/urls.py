from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("demande/", views.request_form, name="request"),
    path("demande/merci/", views.thanks, name="thanks"),
    path("mon-dossier/", views.my_dossiers, name="my_dossiers"),
    path("mon-dossier/<str:reference>/", views.dossier, name="dossier"),
    path("mon-dossier/<str:reference>/retirer/", views.withdraw, name="withdraw"),
    path(
        "mon-dossier/<str:reference>/orientations/<int:pk>/accord/",
        views.agree_referral,
        name="agree_referral",
    ),
    path("mon-dossier/<str:reference>/etapes/<int:pk>/", views.tick_step, name="tick_step"),
    path("mon-dossier/<str:reference>/besoins/", views.edit_needs, name="edit_needs"),
    path(
        "mon-dossier/<str:reference>/documents/",
        views.upload_document,
        name="upload_document",
    ),
    path(
        "mon-dossier/<str:reference>/documents/<int:pk>/",
        views.document,
        name="document",
    ),
    path(
        "mon-dossier/<str:reference>/documents/<int:pk>/supprimer/",
        views.delete_document,
        name="delete_document",
    ),
    path("orientation/<str:token>/", views.referral_answer, name="referral_answer"),
]
