"""Benchmark of fediverse delivery: one post to 5,000 followers on 500
servers, 5 % of the servers failing at first.

Run from the repository root (SQLite by default, PostgreSQL with
DATABASE_URL):

    .venv/bin/python bench/bench_fediverse.py
    .venv/bin/python bench/bench_fediverse.py --servers 100 --followers 1000 --runs 1

It creates a throwaway test database, starts `--servers` HTTP servers on
127.0.0.1 (one port each: a server is its own origin, with one shared
inbox), makes `--followers` followers of the English blog actor spread
evenly over them, and publishes a new post. Publishing queues a Create
through the real path (`fediverse.delivery`: one `Delivery` per shared
inbox, batches of FEDIVERSE_BATCH_SIZE through django_tasks, run by the
immediate backend here), every POST signed and sent through the safe HTTP
client. `--failing` of the servers answer 503 to their first request; the
retry pass (`queue_due`, what `manage.py deliver_fediverse` runs every
minute, with the backoff skipped) sends them again.

Checked, not only timed: every server accepted the Create exactly once,
the failing ones got exactly two requests and the others one, and every
request's Digest and signature verify with the actor's public key. Time
is the median over `--runs` posts; peak memory is tracemalloc's peak of
Python allocations during one more publication, and the process's
maximum resident size. The results are written to
bench/results_fediverse.md (one section per database).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import platform
import resource
import statistics
import sys
import threading
import time
import tracemalloc
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import padding  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from bench.site_data import reference_loop_ms, write_results  # noqa: E402

RESULTS = ROOT / "bench" / "results_fediverse.md"


class Server:
    """One simulated fediverse server: a shared inbox that records what it
    gets, answering 503 to its first `fail_first` requests."""

    def __init__(self, fail_first):
        self.fail_first = fail_first
        self.requests = []  # (status answered, headers, path, body)
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with server.lock:
                    status = 503 if len(server.requests) < server.fail_first else 202
                    server.requests.append(
                        (status, dict(self.headers), self.path, body)
                    )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.5}, daemon=True
        )
        self.thread.start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def accepted(self):
        return sum(1 for status, *_ in self.requests if 200 <= status < 300)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def verify(headers, path, body, public_key):
    headers = {name.lower(): value for name, value in headers.items()}
    digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    if headers.get("digest") != digest:
        return False
    params = dict(part.split("=", 1) for part in headers["signature"].split(","))
    params = {name: value.strip('"') for name, value in params.items()}
    string = (
        f"(request-target): post {path}\nhost: {headers['host']}\n"
        f"date: {headers['date']}\ndigest: {digest}"
    )
    try:
        public_key.verify(
            base64.b64decode(params["signature"]),
            string.encode(),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except Exception:
        return False
    return True


def build(servers, followers):
    from wagtail.models import Site

    from blog.factories import BlogIndexPageFactory
    from fediverse import actors
    from fediverse.models import Follower, RemoteActor

    home = Site.objects.get(is_default_site=True).root_page.specific
    blog = BlogIndexPageFactory(parent=home)
    actor = actors.actor_for_language("en")
    remotes = []
    for number in range(followers):
        server = servers[number % len(servers)]
        uri = f"{server.base}/users/u{number}"
        remotes.append(
            RemoteActor(
                uri=uri,
                domain="127.0.0.1",
                username=f"u{number}",
                inbox=f"{uri}/inbox",
                shared_inbox=f"{server.base}/inbox",
                key_id=f"{uri}#main-key",
                public_key_pem="-",
            )
        )
    RemoteActor.objects.bulk_create(remotes, batch_size=1000)
    Follower.objects.bulk_create(
        [
            Follower(actor=actor, remote=remote, follow_id=f"{remote.uri}#follow")
            for remote in RemoteActor.objects.all()
        ],
        batch_size=1000,
    )
    return blog, actor


def publish_once(blog, servers, failing):
    """Publish a new post, run the retry pass; returns (first pass seconds,
    retry pass seconds)."""
    from blog.factories import BlogPageFactory
    from fediverse import delivery
    from fediverse.models import Delivery

    for index, server in enumerate(servers):
        server.requests.clear()
        server.fail_first = 1 if index in failing else 0
    start = time.perf_counter()
    post = BlogPageFactory(parent=blog)  # a new post, published
    first = time.perf_counter() - start
    # The deliveries alone: from the first row queued to the last answer.
    rows = Delivery.objects.filter(page_id=post.pk, activity_type="Create")
    answered = rows.exclude(sent_at=None).values_list("sent_at", flat=True)
    span = max(answered, default=None)
    queued = min(rows.values_list("created_at", flat=True))
    Delivery.objects.filter(state=Delivery.State.RETRYING).update(
        next_attempt_at=timezone.now()
    )
    start = time.perf_counter()
    delivery.queue_due()
    retry = time.perf_counter() - start
    sending = ((span or queued) - queued).total_seconds()
    return first, sending, retry


def check(servers, failing, public_key):
    for index, server in enumerate(servers):
        assert server.accepted() == 1, (index, server.requests)
        assert len(server.requests) == (2 if index in failing else 1)
        for _status, headers, path, body in server.requests:
            assert verify(headers, path, body, public_key), index


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", type=int, default=500)
    parser.add_argument("--followers", type=int, default=5000)
    parser.add_argument("--failing", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    load = os.getloadavg()
    loop_ms = reference_loop_ms()
    servers = [Server(0) for _ in range(args.servers)]
    every = max(1, round(1 / args.failing)) if args.failing else 0
    failing = set(range(0, args.servers, every)) if every else set()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        blog, actor = build(servers, args.followers)
        public_key = serialization.load_pem_public_key(actor.public_key_pem.encode())
        firsts, sendings, retries = [], [], []
        for _ in range(args.runs):
            first, sending, retry = publish_once(blog, servers, failing)
            check(servers, failing, public_key)
            firsts.append(first)
            sendings.append(sending)
            retries.append(retry)
        tracemalloc.start()
        publish_once(blog, servers, failing)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        check(servers, failing, public_key)
        from fediverse.models import Delivery

        states = Counter(Delivery.objects.values_list("state", flat=True))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        for server in servers:
            server.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    first, retry = statistics.median(firsts), statistics.median(retries)
    sending = statistics.median(sendings)
    section = "\n".join(
        [
            f"## {vendor}",
            "",
            f"{timezone.now():%d %B %Y}, Python {platform.python_version()}, "
            f"load average {load[0]:.1f} on {os.cpu_count()} cores "
            f"(reference loop {loop_ms:.0f} ms), median of {args.runs} posts.",
            "",
            "| measure | value |",
            "|---|---:|",
            f"| followers | {args.followers:,} |",
            f"| servers (one shared inbox each) | {args.servers:,} |",
            f"| servers failing their first request | {len(failing)} |",
            f"| POSTs per post (first pass + retries) | "
            f"{args.servers + len(failing):,} |",
            "| servers that accepted the Create exactly once | "
            f"{args.servers:,} of {args.servers:,} |",
            "| signatures and digests verified | all |",
            f"| publishing, first pass included (publish → every server tried "
            f"once) | {first:.2f} s |",
            f"| the deliveries of the first pass (first row queued → last "
            f"answer) | {sending:.2f} s |",
            f"| per delivery, first pass | {sending / args.servers * 1000:.1f} ms |",
            f"| retry pass ({len(failing)} servers) | {retry:.2f} s |",
            f"| peak Python memory during one publication (tracemalloc) | "
            f"{peak / 2**20:.1f} MiB |",
            f"| process maximum resident size | {max_rss:.0f} MiB |",
            f"| delivery rows by state at the end | "
            f"{', '.join(f'{k} {v:,}' for k, v in sorted(states.items()))} |",
            "",
        ]
    )
    print(section)
    if not args.no_write:
        header = (
            "# Fediverse delivery: one post to 5,000 followers on 500 servers\n\n"
            "Written by `bench/bench_fediverse.py` (its docstring says what is "
            "measured and checked). One section per database.\n\n"
        )
        write_results(RESULTS, header, section, vendor)


if __name__ == "__main__":
    main()
