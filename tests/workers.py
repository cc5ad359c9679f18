"""Task workers for tests of what happens when one dies mid-task.

`db_worker` processes, started on this test's database (PostgreSQL, with
committed data: transactional tests) as the `librarians-worker@` service
runs them, and killed by the test:

    env = worker_environment(EMAIL_HOST="127.0.0.1", EMAIL_PORT="2525")
    worker = start_worker(env)          # until killed
    run_worker_batch(env)               # runs what is queued, then exits

and, on any database, the state a killed worker leaves behind
(`left_running`) and django-tasks-db's own worker loop run in the test's
process (`run_queued_tasks`).
"""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

ROOT = Path(__file__).resolve().parents[1]


def worker_environment(**variables):
    """The production settings on this test's database, with `variables`
    added or overriding (DJANGO_SETTINGS_MODULE among them)."""
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": "worker-test-secret-key",
        "ALLOWED_HOSTS": "localhost",
        "SITE_URL": "http://localhost",
        "REDIS_URL": settings.TEST_REDIS_URL,
        "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
        **variables,
    }


def start_worker(env, *args):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.1",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run_worker_batch(env):
    """A fresh worker runs everything queued, then exits."""
    worker = start_worker(env, "--batch")
    try:
        _out, errors = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, errors.decode()


def left_running(result, *, attempts=1, started_ago=timedelta(hours=1)):
    """Leave the queued task `result` (a DBTaskResult) as a worker SIGKILLed
    mid-task leaves it: RUNNING, claimed `attempts` times (the last
    `started_ago`), never finished."""
    for number in range(1, attempts + 1):
        result.claim(f"dead-worker-{number}")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - started_ago
    )
    result.refresh_from_db()
    return result


def run_queued_tasks(worker_id="fresh-worker"):
    """Run every queued task with django-tasks-db's worker loop, in this
    process (as `db_worker --batch` does), then return."""
    Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
    ).run()
