"""Redis stopped while a professional sends the contact form: nothing is lost, and once Redis
is back the e-mails go out exactly once, sent by a real Celery worker. The test runs its own
Redis server, so that stopping it leaves the machine's Redis (and the rest of the suite) alone."""

import json
import time

import pytest

from offers.models import OfferContact
from outbox.models import OutgoingEmail
from tests.factories import OfferFactory
from tests.helpers.processes import run_in_django_process
from tests.helpers.services import CeleryWorker, ThrowawayRedis

FORM = {
    "name": "Dr Alex Durand",
    "email": "alex.durand@exemple.test",
    "status": "remplacant",
    "message": "Votre offre m’intéresse.",
    "consent": "on",
}


@pytest.fixture
def redis_server(tmp_path):
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def redis_env(redis):
    return {
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
    }


@pytest.mark.django_db(transaction=True)
def test_form_submitted_while_redis_is_down_is_saved_and_sent_once_redis_is_back(
    territory, redis_server, tmp_path
):
    offer = OfferFactory()
    redis_server.stop()

    result, log = run_in_django_process(
        "from django.test import Client\n"
        "client = Client()\n"
        f"page = client.get('{offer.get_absolute_url()}')\n"
        f"post = client.post('/exercer/offres/{offer.pk}/contact/', {json.dumps(FORM)})\n"
        "print(json.dumps({'page': page.status_code, 'post': post.status_code}))",
        **redis_env(redis_server),
    )
    assert result == {"page": 200, "post": 302}
    assert "stays queued for the sweep" in log
    assert OfferContact.objects.filter(offer=offer, email=FORM["email"]).exists()
    assert OutgoingEmail.objects.unsent().count() == 2

    redis_server.start()
    worker = CeleryWorker(tmp_path / "worker.log", **redis_env(redis_server))
    worker.start()
    try:
        swept, _log = run_in_django_process(
            "from outbox.tasks import sweep_unsent\nprint(json.dumps(sweep_unsent(older_than_minutes=0)))",
            **redis_env(redis_server),
        )
        assert swept == 2
        deadline = time.monotonic() + 30
        while OutgoingEmail.objects.unsent().exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.stop()
    emails = list(OutgoingEmail.objects.all())
    assert all(email.sent_at for email in emails), (tmp_path / "worker.log").read_text()[-2000:]
    assert [email.attempts for email in emails] == [1, 1]  # each e-mail sent exactly once
