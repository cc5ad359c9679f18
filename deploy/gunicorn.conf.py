"""gunicorn settings of an app server: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment file (deploy/librarians.env)
without editing this file. App servers keep nothing in memory that another
would need (sessions, cache and rate limits are in Redis, tasks in
PostgreSQL), so any number of them can run behind the load balancer.
"""

import multiprocessing
import os

wsgi_app = "website.wsgi:application"
# Loopback unless told otherwise: an app server listens only where its load
# balancer reaches it (a private address, see librarians.env.example), never
# on a public interface, where clients could skip the proxy and write their
# own X-Forwarded-For.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: a page is a few milliseconds of CPU and a few
# database queries; more processes than cores covers the waiting on I/O.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced now and then, so a slow leak can never grow for long.
max_requests = 2000
max_requests_jitter = 200
# Addresses of the load balancers whose X-Forwarded-Proto gunicorn believes.
# The client address for rate limits is taken from X-Forwarded-For by
# RATELIMIT_TRUSTED_PROXIES and RATELIMIT_TRUSTED_PROXY_ADDRESSES
# (website/ratelimit.py), not by gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# Load the application before forking: workers share its memory pages.
preload_app = True
