from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_docker_compose_has_every_service_bound_to_loopback():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgis", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"
    assert "gunicorn" in services["web"]["command"]
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_ci_runs_the_readme_test_command_and_nothing_else():
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme


def test_python_version_is_pinned_for_pyenv_and_uv():
    assert (ROOT / ".python-version").read_text().strip() == "3.12"


def test_provisioning_runs_postgres_commands_from_a_readable_directory(tmp_path):
    """psql as postgres, started in a directory postgres cannot read, prints "could not change
    directory ... Permission denied": the provisioning script runs it from "/"."""
    import re
    import subprocess

    script = (ROOT / "scripts" / "provision.sh").read_text()
    function = re.search(r"^as_postgres\(\) \{\n.*?^\}\n", script, re.DOTALL | re.MULTILINE)
    assert function, "as_postgres() is no longer defined in scripts/provision.sh"
    # Stand-ins for sudo and runuser that run the command as is, to see where it runs.
    stubs = 'sudo() { shift 2; "$@"; }\nrunuser() { shift 3; "$@"; }\n'
    private = tmp_path / "private"
    private.mkdir()
    result = subprocess.run(  # noqa: S603
        ["/bin/bash", "-c", stubs + function.group(0) + "as_postgres pwd"],
        cwd=private,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "/"
