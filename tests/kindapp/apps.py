from django.apps import AppConfig


class KindAppConfig(AppConfig):
    """A kind of content that exists only in the tests, to prove that one app plus one
    registration is all a new kind needs (see tests/vsa_portal/test_kind_conformance.py)."""

    name = "tests.kindapp"
    label = "kindapp"
    verbose_name = "Annonces de test"
