from django.urls import include, path

from vsa_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("annonces-de-test/", include("tests.kindapp.urls")), *portal_urlpatterns]
