"""The admin lists issue #23 found slow on rendering rather than on the
database: the comment moderation listing and the matching desk. Builds the
benchmarks' demo content (bench/site_data.py, as `bench_scale.py --scales 0`)
plus a round of 2,000 applicants in 1,000 proposed matches, then prints the
median server time, queries and bytes of each view, and with `--profile`
the functions that take the time of one comment listing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/desk \\
        .venv/bin/python bench/bench_admin_lists.py --requests 7 --profile
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)

from bench.bench_scale import build_scale  # noqa: E402
from bench.site_data import build_site  # noqa: E402

APPLICANTS = 2000
COUNTRIES = ("ES", "GB", "FR", "MX", "JP", "KE", "BR", "IN", "NG", "AR")


def add_big_round(round_page):
    """2,000 submitted applications paired into 1,000 proposed matches,
    bulk inserted (no invariant beyond one seat per person is at stake)."""
    from program.factories import ApplicationFactory
    from program.models import Application, Match, MatchSeat
    from program.models.applications import normalise_email

    people = [
        ApplicationFactory.build(round=round_page, country=COUNTRIES[i % 10])
        for i in range(APPLICANTS)
    ]
    for person in people:  # what save() would set
        person.email_key = normalise_email(person.email)
    people = Application.objects.bulk_create(people)
    matches = Match.objects.bulk_create(
        Match(
            round=round_page,
            member_a_id=people[2 * i].pk,
            member_b_id=people[2 * i + 1].pk,
            score=10,
        )
        for i in range(APPLICANTS // 2)
    )
    MatchSeat.objects.bulk_create(
        MatchSeat(match=match, application_id=member)
        for match in matches
        for member in (match.member_a_id, match.member_b_id)
    )


def measure(client, url, runs):
    client.get(url)  # warm-up
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from django.contrib.auth import get_user_model

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with transaction.atomic():
            site = build_site()
        build_scale(0, site)
        add_big_round(site.round)
        connection.settings_dict["CONN_MAX_AGE"] = 60
        connection.close()
        admin = Client()
        admin.force_login(
            get_user_model().objects.create_superuser("bench", "b@example.org", "x")
        )
        comments = "/admin/snippets/blog/blogcomment/"
        desk = f"/admin/program/matching/{site.round.pk}/"
        swap = f"{desk}swap/{site.round.applications.order_by('pk').first().pk}/"
        for label, url in (
            ("Admin comments, all", comments),
            ("Admin comments, published", comments + "?status=published"),
            ("Admin comments, pending", comments + "?status=pending"),
            ("Matching desk, 2,000 applicants", desk),
            ("Matching desk, last page", desk + "?page=20"),
            ("Swap choices of one person", swap + "?fragment=1"),
        ):
            if admin.get(url).status_code != 200:  # not in this version
                print(f"| {label} | — |")
                continue
            ms, queries, size = measure(admin, url, args.requests)
            print(f"| {label} | {ms:,.0f} ms ({queries} q, {size // 1024} KB) |")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            admin.get(comments)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
