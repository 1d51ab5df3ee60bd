import pytest
from django.core.exceptions import ImproperlyConfigured

from vsa_portal.env import env_bool, env_database, env_int, env_list, env_str


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_bool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("PORT_NUMBER", "huit mille")
    with pytest.raises(ImproperlyConfigured, match="PORT_NUMBER"):
        env_int("PORT_NUMBER", 8000)


def test_env_str_without_default_is_required(monkeypatch):
    monkeypatch.delenv("SOME_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET is required"):
        env_str("SOME_SECRET")


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.fr, b.fr ,,")
    assert env_list("HOSTS") == ["a.fr", "b.fr"]


def test_env_database_parses_a_postgis_url(monkeypatch):
    monkeypatch.setenv("DB", "postgis://user:p%40ss@db.local:5433/portal")
    config = env_database("DB", "")
    assert config["ENGINE"] == "django.contrib.gis.db.backends.postgis"
    assert (config["USER"], config["PASSWORD"]) == ("user", "p@ss")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.local", "5433", "portal")


@pytest.mark.parametrize("url", ["sqlite:///db.sqlite3", "postgis://host:5432/"])
def test_env_database_refuses_other_engines_and_missing_names(monkeypatch, url):
    monkeypatch.setenv("DB", url)
    with pytest.raises(ImproperlyConfigured):
        env_database("DB", "")


def test_production_settings_keep_debug_off_and_cookies_secure():
    import importlib

    production = importlib.import_module("vsa_portal.settings.production")
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_HSTS_SECONDS >= 31536000
