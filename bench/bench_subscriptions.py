"""Benchmark of a new post's fan-out to its email subscribers.

Run from the repository root, on SQLite (default) or PostgreSQL:

    .venv/bin/python bench/bench_subscriptions.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchsubscriptions \
        .venv/bin/python bench/bench_subscriptions.py --runs 3

It creates a throwaway test database (destroyed at the end) with 20,000
confirmed subscriptions that want the post (2,000 of them for its
category only), and 5,000 to another language, 1,000 to another category
and a few hundred suspended or unconfirmed that do not, and one live
post, and measures `subscriptions.sending.send_post`: from the post to
every message stored in the outbox and its delivery enqueued (the task
backend is django-tasks' dummy one, so the time is the queueing, not the
SMTP conversation). Between runs the deliveries and messages are deleted.

The target (issue 19): under 10 s, within the outbox's batch limits: no
transaction stores more than `sending.BATCH_SIZE` messages, and each batch
is one `deliver_batch` task. The median and the largest batch are printed
and written into bench/results_subscriptions.md.
"""

from __future__ import annotations

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
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)

SUBSCRIBERS = 20_000
TARGET_SECONDS = 10
RESULTS = ROOT / "bench" / "results_subscriptions.md"


def build():
    from django.utils import timezone
    from wagtail.models import Site

    from blog.factories import BlogIndexPageFactory, BlogPageFactory, CategoryFactory
    from subscriptions.models import Subscription

    home = Site.objects.get(is_default_site=True).root_page.specific
    blog = BlogIndexPageFactory(parent=home)
    news = CategoryFactory(name="News", slug="news")
    other = CategoryFactory(name="Events", slug="events")
    post = BlogPageFactory(parent=blog, title="A post for everyone")
    post.categories.set([news])
    post.save()
    now = timezone.now()
    rows = [
        Subscription(
            email=f"reader{n}@example.org",
            languages=["en"] if n % 3 else ["en", "es", "fr"],
            confirmed_at=now,
        )
        for n in range(SUBSCRIBERS)
    ]
    rows += [
        Subscription(email=f"lector{n}@example.org", languages=["es"], confirmed_at=now)
        for n in range(5_000)
    ]
    rows += [  # only the other category: not sent this post
        Subscription(
            email=f"elsewhere{n}@example.org", languages=["en"], confirmed_at=now
        )
        for n in range(1_000)
    ]
    rows += [
        Subscription(email=f"waiting{n}@example.org", languages=["en"])
        for n in range(300)
    ]
    rows += [
        Subscription(
            email=f"bounced{n}@example.org",
            languages=["en"],
            confirmed_at=now,
            suspended_at=now,
        )
        for n in range(300)
    ]
    Subscription.objects.bulk_create(rows, batch_size=2000)
    # A tenth of the readers follow the post's category only; others
    # follow another category.
    through = Subscription.categories.through
    readers = Subscription.objects.filter(email__startswith="reader").order_by("pk")
    elsewhere = Subscription.objects.filter(email__startswith="elsewhere")
    through.objects.bulk_create(
        [
            through(subscription_id=pk, category_id=news.pk)
            for pk in readers.values_list("pk", flat=True)[:2000]
        ]
        + [
            through(subscription_id=pk, category_id=other.pk)
            for pk in elsewhere.values_list("pk", flat=True)
        ],
        batch_size=2000,
    )
    return post


def measure(post, runs):
    from subscriptions import sending
    from subscriptions.models import Delivery
    from website import outbox
    from website.models import OutboxMessage, OutboxSecret

    batch_sizes = []
    real_store_many = outbox.store_many

    def counting_store_many(messages):
        stored = real_store_many(messages)
        batch_sizes.append(len(stored))
        return stored

    outbox.store_many = counting_store_many
    times, cpu_times, counts = [], [], []
    try:
        for _run in range(runs):
            Delivery.objects.all().delete()
            OutboxSecret.objects.all().delete()
            OutboxMessage.objects.all().delete()
            batch_sizes.clear()
            start, cpu_start = time.perf_counter(), time.process_time()
            counts.append(sending.send_post(post.pk))
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
    finally:
        outbox.store_many = real_store_many
    return times, cpu_times, counts, list(batch_sizes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    load = os.getloadavg()
    cores = os.cpu_count()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    try:
        with override_settings(TASKS=dummy):
            post = build()
            times, cpu_times, counts, batches = measure(post, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()

    from subscriptions.sending import BATCH_SIZE

    median = statistics.median(times)
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    lines = [
        f"## {vendor}",
        "",
        f"Python {platform.python_version()}, {cores} cores, load average "
        f"{load[0]:.2f} at the start, {args.runs} runs.",
        "",
        "| what | value |",
        "|---|---|",
        f"| emails queued for one post | {counts[-1]:,} |",
        f"| median time to queue them | {median:.2f} s (target < {TARGET_SECONDS} s) |",
        f"| slowest run | {max(times):.2f} s |",
        f"| median CPU time of this process | {statistics.median(cpu_times):.2f} s "
        "(on SQLite it includes the database's work; the machine's other load "
        "does not count in it) |",
        f"| batches (transactions, deliver_batch tasks) | {len(batches)} |",
        f"| largest batch | {max(batches)} (limit {BATCH_SIZE}) |",
        f"| emails per second | {counts[-1] / median:,.0f} |",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    assert len(set(counts)) == 1, counts
    assert max(batches) <= BATCH_SIZE, batches
    if not args.no_write:
        write(section, vendor)
    if median >= TARGET_SECONDS:  # reported, not enforced (timings are noisy)
        print(f"Slower than the target: {median:.2f} s for {counts[-1]} emails")


def write(section, vendor):
    header = (
        "# A new post to 20,000 subscribers\n\n"
        "`bench/bench_subscriptions.py`: the time `send_post` takes to store "
        "every email in the outbox and enqueue its delivery, in batches.\n\n"
    )
    old = RESULTS.read_text() if RESULTS.exists() else header
    if not old.startswith("# "):
        old = header
    parts = old.split("\n## ")
    kept = [parts[0].rstrip() + "\n"] + [
        "## " + part.rstrip() + "\n"
        for part in parts[1:]
        if not part.startswith(vendor)
    ]
    RESULTS.write_text("\n".join([*kept, section]))


if __name__ == "__main__":
    main()
