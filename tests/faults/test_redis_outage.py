"""Redis stopped while a professional sends the contact form: nothing is lost, and once Redis
is back the e-mails go out exactly once, sent by a real Celery worker.

The test runs its own Redis server on a spare port, so that stopping it leaves the machine's
Redis (and the rest of the suite) alone.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from offers.models import OfferContact
from outbox.models import OutgoingEmail
from tests.factories import OfferFactory
from tests.helpers.processes import run_in_django_process

FORM = {
    "name": "Dr Alex Durand",
    "email": "alex.durand@exemple.test",
    "status": "remplacant",
    "message": "Votre offre m’intéresse.",
    "consent": "on",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    def __init__(self, port, directory):
        self.port, self.directory, self.process = port, directory, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the throwaway Redis did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def redis_server(tmp_path):
    server = ThrowawayRedis(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


def service_env(redis):
    db = connection.settings_dict
    return {
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
        "DATABASE_URL": f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
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
        **service_env(redis_server),
    )
    assert result == {"page": 200, "post": 302}
    assert "stays queued for the sweep" in log
    assert OfferContact.objects.filter(offer=offer, email=FORM["email"]).exists()
    assert OutgoingEmail.objects.unsent().count() == 2

    redis_server.start()
    env = {
        **os.environ,
        **service_env(redis_server),
        "DJANGO_SETTINGS_MODULE": "vsa_portal.settings.test",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    worker_log = tmp_path / "worker.log"
    with worker_log.open("w") as log_file:
        worker = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "vsa_portal",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "WARNING",
                "--without-mingle",
                "--without-gossip",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    try:
        swept, _log = run_in_django_process(
            "from outbox.tasks import sweep_unsent\n"
            "print(json.dumps(sweep_unsent(older_than_minutes=0)))",
            **service_env(redis_server),
        )
        assert swept == 2
        deadline = time.monotonic() + 30
        while OutgoingEmail.objects.unsent().exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(15)
    emails = list(OutgoingEmail.objects.all())
    assert all(email.sent_at for email in emails), worker_log.read_text()[-2000:]
    assert [email.attempts for email in emails] == [1, 1]  # each e-mail sent exactly once
