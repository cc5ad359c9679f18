"""Throughput and latency through gunicorn on loopback, bounded in time.

Run from the repository root (needs Redis at 127.0.0.1:6379, and `wrk`:
`make bench-tools`), on SQLite (default) or PostgreSQL:

    .venv/bin/python bench/bench_load.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchload \
        .venv/bin/python bench/bench_load.py --seconds 30

It builds the content of bench/site_data.py (with 200 members) in a
throwaway test database, starts one gunicorn instance (`--workers`,
`--threads`) on it with the page cache in Redis (db 14, emptied), and runs:

1. Cached anonymous pages: `wrk` on the home page and on the post with 200
   comments, `--seconds` each (target: at least 400 requests/s).
2. A mixed load of 200 users for `--seconds`: each user waits `--think`
   seconds (2 to 6 by default) between actions and then reads a page as an
   anonymous reader (75 %), comments as a member (10 %: the form
   fragment, then the POST), likes or unlikes (10 %) or votes once (5 %;
   afterwards it reads the results).
   Each request's time is taken by the client; an error is a failed request
   or an unexpected status (target: p95 under 300 ms, no errors).

The load generator runs on the same machine as the server and shares its
cores, and other work on the machine adds noise: read the numbers as an
order of magnitude. Results go to bench/results_load.md (one section per
database).
"""

import argparse
import os
import platform
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
import requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)

from bench.site_data import build_site, use_file_database, write_results  # noqa: E402
from tests.gunicorn_servers import GunicornServer  # noqa: E402

RESULTS = ROOT / "bench" / "results_load.md"
REDIS_URL = "redis://127.0.0.1:6379/14"
USERS = 200
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
TARGET_RPS, TARGET_P95 = 400, 300


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def member_sessions(members):
    """A logged-in session key per member, stored in the shared database."""
    keys = []
    for member in members:
        client = Client()
        client.force_login(member)
        keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return keys


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


# -- 1. cached pages with wrk ----------------------------------------------------


def run_wrk(url, seconds, connections=32):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": f"{p50.group(1)} {p50.group(2)}",
        "p99": f"{p99.group(1)} {p99.group(2)}",
        "errors": int(errors.group(1)) if errors else 0,
    }


# -- 2. the mixed load -------------------------------------------------------------


class Load:
    def __init__(self, server, site, sessions, seconds, think):
        self.think = think
        self.server = server
        self.site = site
        self.sessions = sessions
        self.deadline = time.monotonic() + seconds
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.lock = threading.Lock()
        self.reads = [
            site.home.url,
            site.blog.url,
            site.busy.url,
            site.quiet.url,
            site.round.url,
            site.election.url,
            site.election.url + "results/",
        ]
        self.options = [option.key for option in site.election.option_list]

    def request(self, kind, session, method, path, expected=(200,), **kwargs):
        start = time.perf_counter()
        try:
            response = session.request(
                method,
                self.server.url(path),
                timeout=30,
                allow_redirects=False,
                **kwargs,
            )
            ok = response.status_code in expected
        except requests.RequestException:
            response, ok = None, False
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.times[kind].append(elapsed)
            if not ok:
                self.errors[kind] += 1
        return response

    def user(self, number):
        rng = random.Random(number)
        address = f"10.2.{number // 250}.{number % 250 + 1}"
        reader = requests.Session()
        reader.headers["X-Forwarded-For"] = address
        member = requests.Session()
        member.headers["X-Forwarded-For"] = address
        member.cookies.set(settings.SESSION_COOKIE_NAME, self.sessions[number])
        secret = secrets.token_hex(16)
        member.cookies.set("csrftoken", secret)
        voted, liked = False, False
        while True:
            time.sleep(rng.uniform(*self.think))
            if time.monotonic() > self.deadline:
                return
            roll = rng.random()
            if roll < 0.75 or (roll >= 0.95 and voted):
                self.request("read (anonymous)", reader, "GET", rng.choice(self.reads))
            elif roll < 0.85:
                self.comment(member, number)
            elif roll < 0.95:
                action = "unlike" if liked else "like"
                self.request(
                    "like",
                    member,
                    "POST",
                    f"/comments/like/{self.site.quiet.pk}/",
                    expected=(302,),
                    data={"csrfmiddlewaretoken": secret, "action": action},
                )
                liked = not liked
            else:
                self.request(
                    "vote",
                    member,
                    "POST",
                    self.site.election.url + "vote/",
                    data={
                        "csrfmiddlewaretoken": secret,
                        "choices": rng.sample(self.options, 2),
                    },
                )
                voted = True

    def comment(self, member, number):
        form = self.request(
            "comment form (fragment)",
            member,
            "GET",
            f"/comments/form/{self.site.quiet.pk}/",
            headers={"X-Fragment": "1"},
        )
        if form is None or form.status_code != 200:
            return
        data = {name: unescape(value) for name, value in HIDDEN.findall(form.text)}
        data.update({"comment": f"Member {number} says hello", "honeypot": ""})
        self.request(
            "comment (POST)", member, "POST", "/comments/post/", (302,), data=data
        )

    def run(self):
        threads = [threading.Thread(target=self.user, args=(n,)) for n in range(USERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


# -- Report ------------------------------------------------------------------------


def table(vendor, cached, load, seconds, workers, threads, host_load, think):
    lines = [
        f"## {vendor}",
        "",
        f"One gunicorn instance ({workers} workers x {threads} threads) on "
        f"loopback, page cache in Redis; load average before the run "
        f"{host_load[0]:.2f} / {host_load[1]:.2f} / {host_load[2]:.2f} on "
        f"{os.cpu_count()} cores shared with the load generator and other work "
        f"(noisy); Python {platform.python_version()}, Django "
        f"{django.get_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",  # noqa: E501
        "",
        f"Cached anonymous pages (`wrk -t2 -c32 -d{seconds}s`, target "
        f"≥ {TARGET_RPS} requests/s):",
        "",
        "| page | requests/s | p50 | p99 | non-2xx | met |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, row in cached.items():
        met = row["rps"] >= TARGET_RPS and not row["errors"]
        lines.append(
            f"| {label} | {row['rps']:.0f} | {row['p50']} | {row['p99']} "
            f"| {row['errors']} | {'yes' if met else 'no'} |"
        )
    every = [t for times in load.times.values() for t in times]
    errors = sum(load.errors.values())
    p95 = percentile(every, 0.95) if every else float("nan")
    lines += [
        "",
        f"Mixed load, {USERS} users for {seconds} s, each waiting "
        f"{think[0]:g} to {think[1]:g} s between actions (target: p95 < "
        f"{TARGET_P95} ms, no errors): {len(every)} requests "
        f"({len(every) / seconds:.0f}/s), p95 **{p95:.0f} ms**, "
        f"**{errors}** errors — target "
        f"{'met' if p95 < TARGET_P95 and not errors else 'NOT met'}.",
        "",
        "| request | count | median | p95 | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, times in sorted(load.times.items()):
        lines.append(
            f"| {kind} | {len(times)} | {statistics.median(times):.0f} ms "
            f"| {percentile(times, 0.95):.0f} ms | {load.errors[kind]} |"
        )
    return "\n".join(lines) + "\n"


def write(section, vendor):
    header = (
        "# Load through gunicorn\n\n"
        "Written by `bench/bench_load.py` (see its docstring). One section per "
        "database.\n\n"
    )
    write_results(RESULTS, header, section, vendor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(2.0, 6.0),
        metavar=("MIN", "MAX"),
        help="seconds each user waits between actions (uniform)",
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: make bench-tools")

    host_load = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    use_file_database(workdir / "load.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    server = None
    try:
        site = build_site(members=USERS)
        sessions = member_sessions(site.members)
        url = database_url()
        connection.close()
        redis.Redis.from_url(REDIS_URL).flushdb()
        server = GunicornServer(
            {
                "DATABASE_URL": url,
                "REDIS_URL": REDIS_URL,
                "PAGE_CACHE_SECONDS": "300",
                "RATELIMIT_TRUSTED_PROXIES": "1",
            },
            workers=args.workers,
            threads=args.threads,
        ).start()
        cached = {}
        for label, path in (
            ("Home", site.home.url),
            ("Post, 200 comments", site.busy.url),
        ):
            requests.get(server.url(path), timeout=30)  # store it
            cached[label] = run_wrk(server.url(path), args.seconds)
        load = Load(server, site, sessions, args.seconds, args.think)
        load.run()
    finally:
        if server is not None:
            server.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        shutil.rmtree(workdir, ignore_errors=True)
        redis.Redis.from_url(REDIS_URL).flushdb()
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    section = table(
        vendor,
        cached,
        load,
        args.seconds,
        args.workers,
        args.threads,
        host_load,
        args.think,
    )
    print(section)
    if not args.no_write:
        write(section, vendor)
        print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
