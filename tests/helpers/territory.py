"""Empty the territory's tables inside the test's transaction (the rollback brings them back),
so that another territory folder can be loaded as into a fresh database."""

from django.apps import apps
from django.db import connection


def empty_territory_tables(*other_models):
    models = [*apps.get_app_config("territory").get_models(), *other_models]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(m._meta.db_table for m in models)} CASCADE")
