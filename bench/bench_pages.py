"""Server time of the main page types, uncached: median and p95.

Run from the repository root, on SQLite (default) or PostgreSQL:

    .venv/bin/python bench/bench_pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchpages \
        .venv/bin/python bench/bench_pages.py --requests 50

It builds the content of bench/site_data.py in a throwaway test database
(destroyed at the end) and requests each page as an anonymous reader
through Django's test client (the WSGI handler in-process, so the time is
the server's: middleware, views, queries, templates), with the page cache
off and persistent database connections (as in production). Targets on
this machine class: p50 under 50 ms and p95 under 150 ms for every page;
the post with 200 comments under 40 ms p50. The table for the database
in use is printed and written into bench/results_pages.md (the other
database's table is kept).
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)

from bench.site_data import (  # noqa: E402
    build_site,
    reference_loop_ms,
    write_results,
)

RESULTS = ROOT / "bench" / "results_pages.md"
TARGET_P50, TARGET_P95, TARGET_COMMENTS_P50 = 50, 150, 40


def pages(site):
    return [
        ("Home", site.home.url),
        ("Blog index", site.blog.url),
        ("Post with 200 comments", site.busy.url),
        ("Round page", site.round.url),
        # A route of a page (RoutablePageMixin), rendered through the page.
        ("Round application form (a route)", site.round.url + "apply/"),
        ("Election results (1,000 ballots, live)", site.election.url + "results/"),
    ]


def timed(function, runs, warmups):
    for _ in range(warmups):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def measure(site, runs, warmups):
    client = Client()
    rows = []
    for label, url in pages(site):

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        get()  # caches a first visit fills (sites, locales, renditions)
        with connection.execute_wrapper(count):
            get()
        median, p95 = timed(get, runs, warmups)
        target = TARGET_COMMENTS_P50 if "200 comments" in label else TARGET_P50
        met = median < target and p95 < TARGET_P95
        rows.append((label, url, median, p95, len(queries), target, met))
    return rows


def table(rows, vendor, runs, warmups, load, loop_ms):
    lines = [
        f"## {vendor}",
        "",
        f"Anonymous GET through the test client, page cache off; median and "
        f"p95 of {runs} requests after {warmups} warm-ups; load average before "
        f"the run {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1/5/15 min) on "
        f"{os.cpu_count()} cores, shared with other work (noisy); reference "
        f"loop {loop_ms:.0f} ms (`site_data.reference_loop_ms`: the machine's "
        f"speed during the run); Python "
        f"{platform.python_version()}, Django {django.get_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| page | median | p95 | queries | target (p50 / p95) | met |",
        "|---|---:|---:|---:|---|---|",
    ]
    for label, _url, median, p95, queries, target, met in rows:
        lines.append(
            f"| {label} | {median:.1f} ms | {p95:.1f} ms | {queries} "
            f"| < {target} / < {TARGET_P95} ms | {'yes' if met else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def write(section, vendor):
    header = (
        "# Page server time, uncached\n\n"
        "Written by `bench/bench_pages.py` (see its docstring). One section "
        "per database; run the script with and without `DATABASE_URL` to "
        "refresh both.\n\n"
    )
    write_results(RESULTS, header, section, vendor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    load = os.getloadavg()
    loop_ms = reference_loop_ms()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        site = build_site()
        # Persistent connections, as in production (DATABASE_CONN_MAX_AGE):
        # otherwise every request pays for a new PostgreSQL connection.
        connection.settings_dict["CONN_MAX_AGE"] = 60
        connection.close()
        rows = measure(site, args.requests, args.warmups)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    section = table(rows, vendor, args.requests, args.warmups, load, loop_ms)
    print(section)
    if not args.no_write:
        write(section, vendor)
        print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
