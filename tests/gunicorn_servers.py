"""Gunicorn instances of the site on loopback, for the multi-instance tests
and the load benchmark.

Each instance binds 127.0.0.1 on a port the kernel picks (port 0) and the
port is read from gunicorn's own "Listening at" line. Instances started
with the same DATABASE_URL and REDIS_URL behave like app servers behind a
load balancer: they share nothing else.

    with GunicornServer(env={"DATABASE_URL": url, "REDIS_URL": redis}) as one:
        requests.get(one.url("/en/"))
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

BASE_DIR = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


class GunicornServer:
    def __init__(
        self,
        env=None,
        *,
        workers=2,
        threads=4,
        settings="website.settings.test",
        timeout=30,
    ):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.args = [
            sys.executable,
            "-m",
            "gunicorn",
            "website.wsgi:application",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            str(timeout),
            "--log-level",
            "info",
            # Import the site once, before forking: workers answer at once.
            "--preload",
        ]
        self.process = None
        self.port = None
        self.log = None

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self, wait=60):
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in stop())
            "w+", prefix="gunicorn-", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            self.args,
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            output = Path(self.log.name).read_text()
            found = LISTENING.search(output)
            if found and "Booting worker" in output:
                self.port = int(found.group(1))
                if self.answers(deadline):
                    return self
                break
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.output()}")

    def answers(self, deadline):
        """Wait until a request gets an answer (the workers are up)."""
        while time.monotonic() < deadline:
            try:
                with urlopen(self.url("/robots.txt"), timeout=5) as response:
                    return response.status == 200
            except OSError:
                time.sleep(0.2)
        return False

    def output(self):
        return Path(self.log.name).read_text() if self.log else ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            # SIGINT: gunicorn's quick shutdown (SIGTERM waits for
            # keep-alive connections to finish).
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                # The master and its workers are one process group.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.log is not None:
            self.log.close()
            os.unlink(self.log.name)
            self.log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
