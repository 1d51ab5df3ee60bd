from django.urls import path

from collective import views

app_name = "collective"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("chiffres/", views.key_figures, name="key_figures"),
    path("chiffres/rapport/", views.yearly_report, name="yearly_report"),
    path("observatoire/", views.observatory, name="observatory"),
    path("actualites/", views.news_list, name="news_list"),
    path("actualites/flux.atom", views.news_feed, name="news_feed"),
    path("actualites/<int:pk>-<slug:slug>/", views.news_detail, name="news_detail"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("sources-des-donnees/", views.data_sources, name="data_sources"),
    path("contact/", views.contact, name="contact"),
]
