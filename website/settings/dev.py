"""Local development: the embedded default (SQLite, in-process cache,
immediate tasks, console email) with debugging on."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

# For trying linkbacks between two local sites: SAFE_HTTP_ALLOW_LOOPBACK=1.
SAFE_HTTP_ALLOW_LOOPBACK = env_bool("SAFE_HTTP_ALLOW_LOOPBACK")

# Publishing notifies the pages a post links to; off here so that loading
# the demo content sends nothing to the (example.org) sites it links to.
LINKBACKS_SEND = env_bool("LINKBACKS_SEND", False)

# The site's own URL (links in pages, feeds, headers and emails) is the
# address it is served on: the request's host and port, and outside a
# request the address `runserver` was started on (website/devsite.py).
SITE_URL_FROM_REQUEST = True
