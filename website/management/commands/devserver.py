"""`manage.py devserver [addrport]`: Django's runserver with a task worker
beside it, the way `make run` serves the site in development.

Development queues background tasks in the database as production does
(settings `dev`: django-tasks-db), so that what runs in the background there
runs in the background here too: the Matching desk shows a run's progress,
linkbacks are verified after the request, email leaves through the outbox's
task. This command starts `manage.py db_worker` (with its own code reloader)
and then runserver; when runserver stops (Ctrl-C, SIGTERM), the worker is
stopped with it. With another task backend (TASKS_BACKEND), no worker is
needed and none is started.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


class Command(BaseCommand):
    help = "Run the development server with a background task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="host:port to serve"
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Do not restart the server when code changes.",
        )

    def handle(self, *, addrport, use_reloader, **options):
        # With the reloader, runserver runs the server in a child process that
        # runs this command again: the worker belongs to the first process.
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true" or not needs_worker():
            call_command("runserver", addrport, use_reloader=use_reloader)
            return
        worker = start_worker()
        self.stdout.write(f"Task worker started (process {worker.pid}).")
        previous = signal.signal(signal.SIGTERM, exit_on_signal)
        try:
            call_command("runserver", addrport, use_reloader=use_reloader)
        finally:
            signal.signal(signal.SIGTERM, previous)
            stop_worker(worker)
            self.stdout.write("Task worker stopped.")


def needs_worker():
    return settings.TASKS["default"]["BACKEND"] == DATABASE_BACKEND


def start_worker():
    """`db_worker` in a session of its own: Ctrl-C in the terminal reaches
    runserver only, and stopping the session stops the worker's reloader and
    the worker it runs."""
    return subprocess.Popen(
        [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "db_worker",
            "--queue-name",
            "*",
            "--no-startup-delay",
        ],
        start_new_session=True,
    )


def stop_worker(worker, timeout=15):
    """Ask the worker's session to stop (a task under way is finished
    first), and kill what is still running after `timeout` seconds."""
    try:
        os.killpg(worker.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while session_alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    if session_alive(worker):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


def session_alive(worker):
    worker.poll()  # reap the worker's first process once it has exited
    try:
        os.killpg(worker.pid, 0)
    except ProcessLookupError:
        return False
    return True


def exit_on_signal(signum, frame):
    """SIGTERM ends runserver as Ctrl-C does, so the worker is stopped too."""
    raise SystemExit(128 + signum)
