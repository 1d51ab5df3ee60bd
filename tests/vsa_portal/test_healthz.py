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


def test_healthz_names_redis_when_redis_is_down_and_keeps_the_details_in_the_log(
    visitor, db, settings, caplog
):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = visitor.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "failed": ["redis"],
        "checks": {"database": "ok", "redis": "degraded"},
    }
    assert "127.0.0.1:1" not in response.content.decode()
    assert "Health check failed for redis" in caplog.text
    assert "Connection refused" in caplog.text or "Error" in caplog.text


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
    assert result["body"]["checks"] == {"database": "degraded", "redis": "ok"}
