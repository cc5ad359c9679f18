"""The site survives a PostgreSQL restart under load with no manual step.

The test starts its own PostgreSQL server (initdb into a temporary folder,
a spare port), copies the test database into it, serves the site with
gunicorn against it with persistent connections (CONN_MAX_AGE 60, as in
production, and CONN_HEALTH_CHECKS), and restarts the server while
requests keep coming. While the database is down each request gets the
site's plain 500 page at once, never a traceback or a hang; once it is
back, requests succeed again through the same gunicorn workers.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.smtpservers import free_port

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PAGES = ["/en/", "/en/search/?q=library"]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (PG_BIN / "initdb").exists() or os.geteuid() != 0,
        reason="needs PostgreSQL 15's server binaries and root (to run as postgres)",
    ),
]


def as_postgres(*command, **kwargs):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, command)],
        check=True,
        capture_output=True,
        timeout=60,
        **kwargs,
    )


class ScratchPostgres:
    """A PostgreSQL server of the test's own, owned by the postgres user."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="pg-restart-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = free_port()
        as_postgres(
            PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
            "--no-sync", "-E", "UTF8",
        )  # fmt: skip

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-o", options,
            "-l", self.folder / "log", "-w", "-t", "30", "start",
        )  # fmt: skip

    def stop(self):
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def destroy(self):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", PG_BIN / "pg_ctl", "-D", self.data,
             "-m", "immediate", "stop"],
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def copy_test_database(server, name):
    """The pytest database (migrated, with its home page) into `server`."""
    source = connection.settings_dict
    as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", server.port, name)
    dump = subprocess.run(
        [
            PG_BIN / "pg_dump", "--no-owner", "--no-privileges",
            "-h", source["HOST"] or "127.0.0.1", "-p", str(source["PORT"] or 5432),
            "-U", source["USER"], source["NAME"],
        ],
        check=True, capture_output=True, timeout=60,
        env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
    ).stdout  # fmt: skip
    as_postgres(
        PG_BIN / "psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
        "-p", server.port, "-d", name, input=dump,
    )  # fmt: skip


def get(base, path, timeout=15):
    """(status, body) of one request; any failure to answer raises."""
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_until_serving(base, process, log, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process.poll() is not None:
            raise AssertionError(log.read_text())
        try:
            return get(base, PAGES[0], timeout=5)
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


@pytest.fixture
def scratch_postgres():
    server = ScratchPostgres()
    server.start()
    yield server
    server.destroy()


@pytest.mark.django_db(transaction=True)
def test_requests_fail_cleanly_while_postgres_restarts_and_the_site_recovers(
    home, scratch_postgres
):
    copy_test_database(scratch_postgres, "site")
    port = free_port()
    # A file, not a pipe nobody reads: every 500 logs a traceback, and a
    # full pipe would block the workers.
    log = scratch_postgres.folder / "gunicorn.log"
    log_file = log.open("wb")
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "website.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "website.settings.test",
            "DATABASE_URL": scratch_postgres.url("site"),
            "DATABASE_CONN_MAX_AGE": "60",
        },
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )  # fmt: skip
    answers = []
    stop_load = threading.Event()

    def load():
        # A steady stream of requests; each must be answered, whatever
        # the state of the database.
        n = 0
        while not stop_load.is_set():
            try:
                answers.append(get(base, PAGES[n % len(PAGES)]))
            except OSError as error:  # a hang or a dropped connection
                answers.append((None, repr(error)))
            n += 1

    try:
        assert wait_until_serving(base, gunicorn, log)[0] == 200
        threads = [threading.Thread(target=load) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)

        scratch_postgres.stop()
        down = [get(base, page) for page in PAGES for _ in range(2)]
        time.sleep(0.5)
        scratch_postgres.start()
        # No manual step: the very next requests find the database again.
        up = [get(base, page) for page in PAGES for _ in range(3)]
        time.sleep(0.5)
        stop_load.set()
        for thread in threads:
            thread.join(30)
    finally:
        stop_load.set()
        gunicorn.terminate()
        gunicorn.wait(15)
        log_file.close()

    assert [status for status, _body in down] == [500] * len(down)
    for _status, body in down:
        assert "Something went wrong" in body
        assert "Traceback" not in body and "OperationalError" not in body
    assert [status for status, _body in up] == [200] * len(up)
    assert answers, "the load threads made no request"
    for status, body in answers:
        assert status in {200, 500}, body
        if status == 500:
            assert "Something went wrong" in body and "Traceback" not in body
    assert answers[-1][0] == 200
