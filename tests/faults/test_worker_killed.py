"""A Celery worker killed (SIGKILL) in the middle of sending an e-mail: the e-mail still goes
out, exactly once. The send happens inside a transaction that holds the row; the kill drops the
connection, the transaction rolls back, and the sweep hands the e-mail to a new worker."""

import time

import pytest

from outbox.models import OutgoingEmail
from tests.helpers.processes import run_in_django_process
from tests.helpers.services import CeleryWorker, RecordingSMTPServer, ThrowawayRedis


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_send_the_email_goes_out_exactly_once(tmp_path):
    email = OutgoingEmail.objects.create(
        to=["poster@cabinet.test"], subject="Une prise de contact", body="Bonjour"
    )
    redis = ThrowawayRedis(tmp_path)
    redis.start()
    broker = {
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/0",
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/1",
    }
    try:
        with RecordingSMTPServer(stall_first=True) as smtp:
            services = {**broker, "TEST_SMTP_PORT": str(smtp.port)}
            first = CeleryWorker(tmp_path / "worker-1.log", **services)
            first.start()
            run_in_django_process(
                f"from outbox.services import enqueue\nenqueue({email.pk})\nprint(json.dumps(True))",
                **services,
            )
            assert smtp.first_session_waiting.wait(30), (tmp_path / "worker-1.log").read_text()[
                -2000:
            ]
            first.kill()  # in the middle of the SMTP conversation
            smtp.release.set()
            email.refresh_from_db()
            assert (
                email.sent_at is None and email.attempts == 0
            )  # the worker's transaction rolled back
            assert smtp.delivered == []

            second = CeleryWorker(tmp_path / "worker-2.log", **services)
            second.start()
            try:
                swept, _log = run_in_django_process(
                    "from outbox.tasks import sweep_unsent\nprint(json.dumps(sweep_unsent(older_than_minutes=0)))",
                    **services,
                )
                assert swept == 1
                deadline = time.monotonic() + 30
                while not smtp.delivered and time.monotonic() < deadline:
                    time.sleep(0.2)
                time.sleep(1)  # a duplicate, if any, would arrive now
                # Sweeping again finds nothing: the e-mail is marked sent.
                again, _log = run_in_django_process(
                    "from outbox.tasks import sweep_unsent\nprint(json.dumps(sweep_unsent(older_than_minutes=0)))",
                    **services,
                )
                assert again == 0
            finally:
                second.stop()
            assert len(smtp.delivered) == 1, (tmp_path / "worker-2.log").read_text()[-2000:]
            assert "Une prise de contact" in smtp.delivered[0]
    finally:
        redis.stop()
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1
