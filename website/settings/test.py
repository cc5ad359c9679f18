"""Settings for the test suite: SQLite by default, PostgreSQL when
DATABASE_URL is set (CI runs both), mail kept in memory."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["*"]
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Tests talk to servers they start on 127.0.0.1; nothing else allows it.
SAFE_HTTP_ALLOW_LOOPBACK = True

# Redis, when the test run has one (CI does), for cache and rate-limit tests.
TEST_REDIS_URL = env("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# `make test` runs the suite in parallel (pytest-xdist): each worker takes its
# own Redis database, counting down from the one given (gw0 15, gw1 14, ...),
# so one worker's flushes and rate-limit counters never reach another's.
# The database itself is per worker already (pytest-django names it test_..._gwN).
_XDIST_WORKER = env("PYTEST_XDIST_WORKER", "")
if _XDIST_WORKER.startswith("gw"):
    _redis_server, _, _redis_db = TEST_REDIS_URL.rpartition("/")
    TEST_REDIS_URL = f"{_redis_server}/{int(_redis_db) - int(_XDIST_WORKER[2:])}"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Templates used only by tests (for example a sample email for the outbox).
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405

# The page cache is off in tests unless a test turns it on (tests/website/
# test_page_cache.py): most tests change data in a transaction that never
# commits, so the purges (run on commit) never happen. Servers that tests
# start (tests/gunicorn_servers.py) turn it on through the environment.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))

# Publishing sends no linkbacks, except in the tests of sending (which
# turn it on and link only to their own local servers).
LINKBACKS_SEND = False

# Wagtail's page editor saves drafts in the background as one types. The
# browser journeys' live server shares the test run's in-memory SQLite
# database, whose tables lock without waiting: a background save overlapping
# the editor's own request fails ("database table is locked"). On
# PostgreSQL (CI runs the suite on both) it stays on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    WAGTAIL_AUTOSAVE_INTERVAL = 0
