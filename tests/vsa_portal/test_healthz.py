from tests.helpers.processes import run_in_django_process


def test_healthz_reports_both_services_up(visitor, db):
    response = visitor.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "redis": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_redis_when_redis_is_down(visitor, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = visitor.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["database"] == "ok"
    assert "Connection refused" in body["checks"]["redis"] or "Error" in body["checks"]["redis"]


def test_healthz_names_the_database_when_it_is_down():
    """A separate process whose database URL points at a port where nothing listens."""
    result, _log = run_in_django_process(
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))",
        DATABASE_URL="postgis://vsa@127.0.0.1:1/vsa",
    )
    assert result["status"] == 503
    assert result["body"]["failed"] == ["database"]
    assert result["body"]["checks"]["redis"] == "ok"
