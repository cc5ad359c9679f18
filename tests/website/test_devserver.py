"""Development runs background tasks as production does: queued in the
database and run by a worker that `manage.py devserver` (what `make run`
starts) runs beside the server and stops with it."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def development_environment(database):
    """The development settings (no REDIS_URL, no TASKS_BACKEND: what a
    newcomer has) on their own SQLite file."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"TASKS_BACKEND", "REDIS_URL", "DATABASE_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = development_environment(tmp_path_factory.mktemp("dev") / "dev.sqlite3")
    manage(env, "migrate", "django_tasks_database", "--verbosity", "0")
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def eventually(condition, seconds=90):
    """Wait for `condition` (a deadline against hanging, not a timing)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def serving(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def gone(process_group):
    try:
        os.killpg(process_group, 0)
    except ProcessLookupError:
        return True
    return False


class DevServer:
    """`manage.py devserver` in a terminal of its own (a new session), its
    output collected line by line."""

    def __init__(self, env, *args):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "devserver", f"127.0.0.1:{self.port}", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            # Ctrl-C as in a terminal: a run started in the background (`cmd &`
            # in a script) passes SIGINT on as ignored, and Python keeps it so.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self):
        return "".join(self.lines)

    def worker_pid(self):
        for line in self.lines:
            if line.startswith("Task worker started (process "):
                return int(line.split("process ")[1].rstrip(").\n"))
        return None

    def stop(self, sig):
        """Ctrl-C in its terminal (SIGINT to the whole group), or SIGTERM."""
        if sig == signal.SIGINT:
            os.killpg(self.process.pid, sig)
        else:
            self.process.send_signal(sig)
        self.process.wait(60)

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def test_development_queues_tasks_in_the_database_and_shares_its_cache(tmp_path):
    env = development_environment(tmp_path / "dev.sqlite3")
    printed = manage(
        env,
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND']); "
        "print(settings.CACHES['default']['BACKEND'])",
    )
    assert printed.splitlines()[-2:] == [
        "django_tasks_db.DatabaseBackend",
        "django.core.cache.backends.filebased.FileBasedCache",
    ]


def test_devserver_runs_queued_tasks_beside_the_server_and_ctrl_c_stops_both(
    env, tmp_path
):
    server = DevServer(env)
    try:
        assert eventually(lambda: serving(server.port)), server.output
        worker = server.worker_pid()
        assert worker is not None, server.output

        note = tmp_path / "note.txt"
        manage(
            env,
            "shell",
            "-c",
            "from tests.website.background_task import write_note; "
            f"write_note.enqueue({str(note)!r}, 'done in the background')",
        )
        assert eventually(note.exists), server.output
        assert note.read_text() == "done in the background"

        server.stop(signal.SIGINT)
        assert eventually(lambda: gone(worker), 30), server.output
        # The reloader's own server process did not start a second worker.
        assert server.output.count("Task worker started") == 1
    finally:
        server.kill()


def test_a_devserver_stopped_by_sigterm_stops_its_worker(env):
    server = DevServer(env, "--noreload")
    try:
        assert eventually(lambda: serving(server.port)), server.output
        worker = server.worker_pid()
        server.stop(signal.SIGTERM)
        assert eventually(lambda: gone(worker), 30), server.output
        assert "Task worker stopped." in server.output
    finally:
        server.kill()


def test_make_run_serves_the_site_with_its_worker():
    planned = subprocess.run(
        # --no-print-directory: under `make test` this make is a sub-make and
        # would otherwise end with "make[1]: Leaving directory".
        ["make", "--no-print-directory", "-n", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "SITE_URL"},
    ).stdout.splitlines()
    assert planned[-1] == (
        "SITE_URL=http://127.0.0.1:8000 "
        ".venv/bin/python manage.py devserver 127.0.0.1:8000"
    )
