"""Integration: a task goes through the real Redis broker to a real Celery worker and back."""

from celery.contrib.testing.worker import start_worker

from vsa_portal.celery import app
from vsa_portal.tasks import ping


def test_a_task_round_trips_through_redis_and_a_worker(db):
    # ``db``: Celery's Django fix-up checks the database connections around each task, and a
    # browser test run before may have left this thread's connection open.
    assert app.conf.broker_url.startswith("redis://")
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = ping.delay()
        assert result.get(timeout=20) == "pong"
