"""Local development: SQLite, console email and debugging on, with
background work done as production does it: tasks queued in the database
and run by a worker beside the server (`manage.py devserver`, which `make
run` starts)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env, env_bool

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

# For trying linkbacks between two local sites: SAFE_HTTP_ALLOW_LOOPBACK=1.
SAFE_HTTP_ALLOW_LOOPBACK = env_bool("SAFE_HTTP_ALLOW_LOOPBACK")

# Publishing notifies the pages a post links to; off here so that loading
# the demo content sends nothing to the (example.org) sites it links to.
LINKBACKS_SEND = env_bool("LINKBACKS_SEND", False)

# Background tasks (matching runs, linkback checks, email delivery) wait in
# the database for `manage.py db_worker`, as in production, so that the
# Matching desk can show a run's progress. `manage.py devserver` (make run)
# starts a worker beside the server; TASKS_BACKEND=django_tasks.backends.
# immediate.ImmediateBackend runs each task inside the request instead.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}
}

if not env("REDIS_URL"):
    # The server and its worker are two processes: a page that the worker
    # changes (a linkback verified) must be purged from the cache the server
    # reads, so they share one on disk rather than each its own in memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / ".dev-cache",
        }
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two processes write to the file: take the write lock when a transaction
    # begins and wait for it, rather than fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

# The site's own URL (links in pages, feeds, headers and emails) is the
# address it is served on: the request's host and port, and outside a
# request the address `runserver` was started on (website/devsite.py).
SITE_URL_FROM_REQUEST = True
