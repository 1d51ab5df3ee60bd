"""A safe request whose PostgreSQL connection is dropped in the middle (the server restarted,
a proxy cut it) is retried once on a new connection instead of answering 500; an unsafe one is
not retried. The connection is really terminated, by pg_terminate_backend from another one."""

import psycopg
import pytest
from django.db import connection

from collective.models import ContactMessage
from territory.models import Commune


def terminate_before_first_query(state):
    """An execute wrapper that kills this connection's backend once, just before a query."""

    def wrapper(execute, sql, params, many, context):
        if not state["done"]:
            state["done"] = True
            pid = connection.connection.info.backend_pid
            settings_dict = connection.settings_dict
            with psycopg.connect(
                host=settings_dict["HOST"],
                port=settings_dict["PORT"],
                user=settings_dict["USER"],
                password=settings_dict["PASSWORD"],
                dbname=settings_dict["NAME"],
                autocommit=True,
            ) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
            state["killed"] = pid
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db(transaction=True)
def test_a_get_meets_a_dropped_connection_and_is_answered(client, territory, caplog):
    commune = Commune.objects.order_by("insee_code").first()
    connection.ensure_connection()
    state = {"done": False}

    with connection.execute_wrapper(terminate_before_first_query(state)):
        response = client.get(commune.get_absolute_url())

    assert state.get("killed")
    assert response.status_code == 200
    assert commune.name in response.content.decode()
    assert "retried once" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_post_that_meets_a_dropped_connection_is_not_run_twice(client, territory):
    connection.ensure_connection()
    state = {"done": False}
    client.raise_request_exception = False

    with connection.execute_wrapper(terminate_before_first_query(state)):
        response = client.post(
            "/collectif/contact/",
            {
                "name": "Dr Essai",
                "email": "essai@exemple.test",
                "subject": "autre",
                "message": "Bonjour, une question.",
                "consent": "on",
            },
        )

    assert state.get("killed")
    assert response.status_code == 500
    assert not ContactMessage.objects.exists()
