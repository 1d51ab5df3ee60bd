"""Real services that fault tests start, stop and kill: a Redis server, a Celery worker, and a
small SMTP server that records what it receives."""

import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def test_database_url():
    db = connection.settings_dict
    return f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class ThrowawayRedis:
    """A Redis server of the test's own, so that stopping it leaves the machine's Redis alone."""

    def __init__(self, directory):
        self.port, self.directory, self.process = free_port(), directory, None

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
        wait_for_port(self.port)

    def pause(self):
        """SIGSTOP: connections are accepted by the kernel, never answered (a hung Redis)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(10)
            self.process = None


class CeleryWorker:
    """``celery worker`` in its own process, on the test database."""

    def __init__(self, log_path, **environment):
        self.log_path, self.environment, self.process, self.log = log_path, environment, None, None

    def start(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "vsa_portal.settings.test",
            "DATABASE_URL": test_database_url(),
            **self.environment,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "vsa_portal",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=self.log,
            stderr=self.log,
        )

    def kill(self):
        """SIGKILL, as when the machine loses a worker: no clean shutdown, no acknowledgement."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)
        if self.log and not self.log.closed:
            self.log.close()


class RecordingSMTPServer:
    """Accepts SMTP sessions; counts messages whose DATA completed. With ``stall_first`` the
    first session hangs before accepting DATA, so that its sender can be killed mid-send."""

    def __init__(self, stall_first=False):
        self.port = free_port()
        self.delivered = []
        self.first_session_waiting = threading.Event()
        self.release = threading.Event()
        self.sessions = 0
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                server.sessions += 1
                stall = stall_first and server.sessions == 1
                self.wfile.write(b"220 test ESMTP\r\n")
                while line := self.rfile.readline():
                    command = line.strip().upper()
                    if command.startswith((b"EHLO", b"HELO")):
                        self.wfile.write(b"250 test\r\n")
                    elif command == b"DATA":
                        if stall:
                            server.first_session_waiting.set()
                            server.release.wait(60)
                            return
                        self.wfile.write(b"354 go ahead\r\n")
                        message = b""
                        while (data := self.rfile.readline()) and data != b".\r\n":
                            message += data
                        server.delivered.append(message.decode(errors="replace"))
                        self.wfile.write(b"250 queued\r\n")
                    elif command == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
