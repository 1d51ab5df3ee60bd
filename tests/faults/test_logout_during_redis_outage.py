"""A logout while Redis hangs stays a logout once Redis answers again: sessions are in the
database, not in a cache that would give the old session back. The test pauses (SIGSTOP) a
Redis server of its own, so the machine's Redis and the rest of the suite are left alone."""

import pytest

from tests.factories import UserFactory
from tests.helpers.processes import run_in_django_process
from tests.helpers.services import ThrowawayRedis

PROFILE = "/compte/profil/"


@pytest.fixture
def redis_server(tmp_path):
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def in_process(redis, code):
    result, _log = run_in_django_process(
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "client = Client()\n" + code,
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{redis.port}/1",
    )
    return result


def with_session(key):
    return f"client.cookies[settings.SESSION_COOKIE_NAME] = {key!r}\n"


@pytest.mark.django_db(transaction=True)
def test_a_logout_during_a_redis_outage_is_not_undone_when_redis_returns(redis_server):
    user = UserFactory(email="sacha@exemple.test")
    login = in_process(
        redis_server,
        f"from accounts.models import User\nclient.force_login(User.objects.get(pk={user.pk}))\n"
        f"page = client.get({PROFILE!r})\n"
        "print(json.dumps({'key': client.session.session_key, 'status': page.status_code}))",
    )
    assert login["status"] == 200
    key = login["key"]

    redis_server.pause()
    try:
        logout = in_process(
            redis_server,
            with_session(key) + "r = client.post('/compte/logout/')\n"
            "print(json.dumps({'status': r.status_code}))",
        )
    finally:
        redis_server.resume()
    assert logout["status"] == 302

    after = in_process(
        redis_server,
        with_session(key) + f"r = client.get({PROFILE!r})\n"
        "print(json.dumps({'status': r.status_code, 'location': r.get('Location', '')}))",
    )
    assert after["status"] == 302 and "/compte/login/" in after["location"]
