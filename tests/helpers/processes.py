"""Run Django code in a separate process, with its own environment (a service made unreachable)."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.db import connection


def run_in_django_process(code, **environment):
    """Run ``code`` (which prints one JSON line last) against the test database; return it."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vsa_portal.settings.test",
        "DATABASE_URL": f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "ALLOWED_HOSTS": "testserver",
        **environment,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # only the browser tests' thread needs it
    completed = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django, json; django.setup()\n" + code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1]), completed.stderr
