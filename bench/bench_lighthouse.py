"""Lighthouse scores of every public page type, on a production-like server.

The server is what a deployment runs: production settings (DEBUG off),
PostgreSQL, Redis, whitenoise's compressed manifest static files and
gunicorn with deploy/gunicorn.conf.py, loaded with the demo content. Only
HTTPS is off (the server is plain http on 127.0.0.1), and media are served
by whitenoise (bench/lighthouse_wsgi.py) where nginx would serve them.

The 404 page is not scored: Lighthouse refuses to audit a page that answers
404 (the axe test of tests/browser/ checks it). The search results scored
are a query that finds pages, which search engines may index; the thin
search pages (no query, no results) carry `noindex` and are not scored.
The sign-up page is the one account page robots.txt opens to crawlers.

Needs the npm tools of bench/ (`make bench-tools`), Debian's Chromium, and
the local PostgreSQL and Redis. Writes bench/results_lighthouse.md. The
PostgreSQL database (dropped and created again) is `bench_lighthouse`, or
BENCH_DATABASE when set, for runs side by side.

    .venv/bin/python bench/bench_lighthouse.py [--runs N] [--preset mobile|desktop]
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results_lighthouse.md"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
DATABASE = os.environ.get("BENCH_DATABASE", "bench_lighthouse")
REDIS_URL = "redis://127.0.0.1:6379/13"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ATTEMPTS = 3  # runs of Lighthouse on one page before giving up (see lighthouse())
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
# What "a page's weight, images apart" counts: the bytes sent (compressed)
# for the HTML, stylesheets, scripts and fonts, as Lighthouse's network log
# records them. The budget of a post is 60 KB.
CODE_TYPES = {"Document", "Stylesheet", "Script", "Font"}
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(port):
    env = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=DATABASE,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_database():
    with psycopg.connect(
        "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{DATABASE}"')


def clear_cache():
    """Forget the pages and sessions of an earlier run: this run's keys only
    (they start with its prefix), so that another run beside it keeps its."""
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{DATABASE}:*"):
        client.delete(key)


MEMBER_SESSION = """
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(email="member@example.org"))
print(client.cookies["sessionid"].value)
"""

PAGE_PATHS = """
import json
from django.utils import timezone
from blog.models import BlogPage
from events.models import EventPage
from program.models import ProgramPage, RoundPage, SpeedMentoringEventPage
from voting.models import ElectionIndexPage
from website.models import StandardPage
english = BlogPage.objects.live().filter(locale__language_code="en")
topic = english.get(slug="discussion-topic-getting-to-know-you")
post = english.exclude(pk=topic.pk).order_by("-date").first()
rounds = RoundPage.objects.live().filter(locale__language_code="en")
round_page = next(r for r in rounds if r.accepts_applications)
pictured = english.exclude(featured_image=None).order_by("-date").first()
events = EventPage.objects.live().filter(locale__language_code="en")
event = events.order_by("pk").first()
upcoming = events.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
past_round = next(r for r in rounds if r.is_past)
speed = SpeedMentoringEventPage.objects.live().filter(locale__language_code="en")[0]
def english_url(model):
    pages = model.objects.live().filter(locale__language_code="en")
    return pages.order_by("path")[0].url
standard = StandardPage.objects.live().filter(locale__language_code="en").first()
print(json.dumps({
    "home": "/en/",
    "blog index": "/en/blog/",
    "post": post.url,
    "post with a featured image": pictured.url,
    "discussion topic, comments": topic.url,
    "round page": round_page.url,
    "application form (member)": round_page.url + "apply/",
    "ballot (member)": "/en/elections/webinars-2019/vote/",
    "election results": "/en/elections/webinars-2018/results/",
    "search results": "/en/search/?q=mentoring",
    "sign-up": "/en/accounts/signup/",
    "contact page": "/en/contact/",
    "photo gallery": "/en/contact/workspaces/",
    "photo form": "/en/contact/photo/",
    "events index": "/en/events/",
    "event page": event.url,
    "follow by email": "/en/subscriptions/follow/",
    "my data (no account)": "/en/my-data/",
    "program page": english_url(ProgramPage),
    "past round": past_round.url,
    "speed-mentoring event": speed.url,
    "timetable sheets": speed.url + "timetable/tables/",
    "elections index": english_url(ElectionIndexPage),
    "election page": "/en/elections/webinars-2019/",
    "event registration (guest)": upcoming.url + "register/",
    "contact message form": "/en/contact/message/",
    "guest post form": "/en/contact/write/",
    "log-in": "/en/accounts/login/",
    **({"standard page": standard.url} if standard else {}),
}))
"""


def shell(env, code):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer at {url}")


def lighthouse(url, preset, output, cookie=None):
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
        "--max-wait-for-load=30000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    # Headless Chromium under Lighthouse now and then exits before writing
    # its report on these machines (a different page each run): try again.
    for attempt in range(1, ATTEMPTS + 1):
        try:
            subprocess.run(
                command,
                check=True,
                timeout=180,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            break
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            if attempt == ATTEMPTS:
                raise
            print(f"  (Lighthouse failed on {url}; attempt {attempt + 1})", flush=True)
    report = json.loads(Path(output).read_text())
    scores = {
        key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES
    }
    missed = sorted(
        {
            audit_ref["id"]
            for key in CATEGORIES
            for audit_ref in report["categories"][key]["auditRefs"]
            if audit_ref["weight"] > 0
            and (report["audits"][audit_ref["id"]].get("score") is not None)
            and report["audits"][audit_ref["id"]]["score"] < 0.9
        }
    )
    return scores, missed, weights(report)


def weights(report):
    """Kilobytes sent for the page's code (HTML, CSS, JavaScript, fonts)
    and for its images."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    code = sum(
        r.get("transferSize", 0)
        for r in requests
        if r.get("resourceType") in CODE_TYPES
    )
    images = sum(
        r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Image"
    )
    return code / 1024, images / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median)")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make bench-tools`.")
    if not CHROMIUM:
        sys.exit("Chromium is not installed: run `make browsers`.")

    port = free_port()
    env = environment(port)
    print(
        "Preparing a production-like server (PostgreSQL, demo content, static files)…"
    )
    prepare_database()
    manage(env, "migrate", "--noinput")
    manage(env, "compile_catalogues")
    # Production settings refuse demo content (DEMO_CONTENT_ALLOWED is off):
    # seed the same database with the development settings.
    manage({**env, "DJANGO_SETTINGS_MODULE": "website.settings.dev"}, "seed_demo")
    # Saving a page queues its search-index update as a task for the
    # workers, and none runs here: index the demo content as they would, so
    # that the search results page has results.
    manage(env, "update_index")
    manage(env, "collectstatic", "--noinput", "--clear")
    clear_cache()
    session = shell(env, MEMBER_SESSION)
    paths = json.loads(shell(env, PAGE_PATHS))

    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "bench.lighthouse_wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/en/")
        with tempfile.TemporaryDirectory() as folder:
            for name, path in paths.items():
                cookie = f"sessionid={session}" if "(member)" in name else None
                runs = []
                for run in range(args.runs):
                    output = Path(folder) / f"report-{run}.json"
                    runs.append(
                        lighthouse(f"{base}{path}", args.preset, output, cookie)
                    )
                scores = {
                    key: statistics.median(scores[key] for scores, _, _ in runs)
                    for key in CATEGORIES
                }
                missed = sorted({audit for _, audits, _ in runs for audit in audits})
                weight = runs[-1][2]
                rows.append((name, path, scores, missed, weight))
                print(
                    f"{name:28} "
                    + " ".join(f"{scores[key]:>4.0f}" for key in CATEGORIES)
                    + f"  code {weight[0]:.1f} KB, images {weight[1]:.1f} KB"
                    + (f"  below 90: {', '.join(missed)}" if missed else "")
                )
    finally:
        server.terminate()
        server.wait(timeout=30)

    write_results(rows, args)


def write_results(rows, args):
    lines = [
        "# Lighthouse scores",
        "",
        f"`bench/bench_lighthouse.py --preset {args.preset} --runs {args.runs}` "
        f"(Lighthouse 12.8.2, Debian Chromium headless), {time.strftime('%Y-%m-%d')}. "
        "Production settings, PostgreSQL, Redis, gunicorn, whitenoise; demo "
        f"content. Targets: {', '.join(f'{k} ≥ {v}' for k, v in TARGETS.items())}. "
        "Mobile is Lighthouse's default: a mid-range phone on a slow 4G link, "
        "simulated.",
        "",
        "| page | performance | accessibility | best practices | SEO "
        "| HTML+CSS+JS+fonts (KB sent) | images (KB sent) | audits below 90 |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, path, scores, missed, (code, images) in rows:
        cells = " | ".join(f"{scores[key]:.0f}" for key in CATEGORIES)
        lines.append(
            f"| {name} (`{path}`) | {cells} | {code:.1f} | {images:.1f} "
            f"| {', '.join(missed) or '—'} |"
        )
    lines += [
        "",
        "Search results for a query that finds pages and the sign-up page "
        "are open to search engines, with a canonical URL and a description "
        "of their own; the thin search pages (no query, no results, no such page "
        "of results), the other account pages (also closed in robots.txt), 404 "
        "and 429 carry `noindex`. "
        "The 404 page is not scored (Lighthouse does not audit a 404 answer); "
        "axe checks it in the browser tests.",
        "",
        "The weights are the bytes Lighthouse saw on the wire: static files "
        "come compressed from whitenoise, but the HTML comes from gunicorn "
        "uncompressed (nginx compresses it in a deployment), so the code "
        "column is an upper bound. A post's budget for its HTML, CSS, "
        "JavaScript and fonts is 60 KB. Images are WebP renditions sized by "
        "`srcset` and `sizes` (Wagtail's `{% picture %}`); Lighthouse's phone "
        "is 412 CSS px wide at 1.75 device pixels per CSS pixel.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
