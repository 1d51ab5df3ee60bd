"""The documented Docker deployment, with the environment it really gets: `.env.example` copied
to `.env` and the variables of `docker-compose.yml`, read from the files (no Docker engine here).
The services' host names become the test's own database and Redis."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.helpers import services

ROOT = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def env_example():
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def docker_environment(**extra):
    """What the web container's Django sees, pointed at this test's services."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PORTAL_", "DJANGO_", "DEBUG", "SECRET_KEY"))
    }
    web = COMPOSE["services"]["web"]
    return {
        **inherited,
        **env_example(),  # env_file: .env
        **{k: str(v) for k, v in web.get("environment", {}).items()},
        "DJANGO_SETTINGS_MODULE": "vsa_portal.settings.production",
        "DATABASE_URL": services.test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **extra,
    }


def manage_steps():
    """The web service's `python manage.py …` steps, in order (gunicorn aside)."""
    command = COMPOSE["services"]["web"]["command"]
    script = shlex.split(command)[-1] if command.startswith("sh -c") else command
    steps = [shlex.split(step) for step in script.split("&&")]
    return [step[2:] for step in steps if step[:2] == ["python", "manage.py"]]


def manage(arguments, environment):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_docker_environment_has_production_defaults():
    environment = docker_environment()
    assert environment.get("PORTAL_DEMO_CONTENT", "0") in {"0", ""}
    assert "PORTAL_DEMO_ACCOUNTS" not in environment
    assert env_example()["PORTAL_BASE_URL"].startswith("https://")


@pytest.mark.django_db(transaction=True)
def test_the_docker_start_up_creates_no_demo_account(territory):
    steps = manage_steps()
    assert ["load_portal_data"] in steps
    environment = docker_environment()
    for step in steps:
        completed = manage(step, environment)
        assert completed.returncode == 0, completed.stderr[-3000:]
    assert not get_user_model().objects.filter(email__endswith="@demo.test").exists()
    shown = manage(["show_demo_accounts"], environment)
    assert "demo-portail-2026" not in shown.stdout


@pytest.mark.django_db(transaction=True)
def test_the_start_up_fails_under_production_settings_when_a_demo_account_exists():
    from accounts.demo import DEMO_PASSWORD
    from tests.factories import UserFactory

    UserFactory(email="cheffe-de-projet@demo.test", password=DEMO_PASSWORD)
    completed = manage(["migrate", "--no-input"], docker_environment())
    assert completed.returncode != 0
    assert "accounts.E002" in completed.stderr


@pytest.mark.django_db(transaction=True)
def test_the_start_up_fails_under_production_settings_when_demo_accounts_would_be_created():
    # Demo-labelled content stays possible under production settings (`make bench`)…
    bench = manage(["check"], docker_environment(PORTAL_DEMO_CONTENT="1"))
    assert bench.returncode == 0, bench.stderr[-3000:]
    # …demo accounts never.
    completed = manage(["check"], docker_environment(PORTAL_DEMO_ACCOUNTS="1"))
    assert completed.returncode != 0
    assert "accounts.E001" in completed.stderr
