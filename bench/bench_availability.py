"""What weekly availability costs the matcher: the points of every pair with
and without the shared-hours criterion (and a minimum), and a whole peer
matching run, on rounds whose applicants come from the demo's 32 countries
(Kolkata's half hour among them) over 13 weeks across the March and April
clock changes. CPU time, medians of 3 runs; writes results_availability.md.

    .venv/bin/python bench/bench_availability.py [--quick]
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
django.setup()

from program.demo_people import COUNTRIES, weekly_availability  # noqa: E402
from program.matching import Applicant, MatchSettings, match_applicants  # noqa: E402
from program.matching.scoring import Pool  # noqa: E402

FIRST, LAST = datetime.date(2026, 3, 2), datetime.date(2026, 5, 31)
INTERESTS = ["cataloguing", "outreach", "metadata", "archives", "children", "teens"]
RUNS = 3


def applicants(n, with_times, seed=1):
    rng, times = random.Random(seed), random.Random(seed + 1)
    people = []
    for i in range(n):
        country, zone, spoken = rng.choice(COUNTRIES)
        hours = weekly_availability(times)
        people.append(
            Applicant(
                id=i + 1,
                email_key=f"p{i}@example.org",
                country=country,
                languages=frozenset([*spoken, "en"]),
                interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 3))),
                time_zone=zone,
                availability=frozenset(hours if with_times else ()),
            )
        )
    return people


def cpu(fn):
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main():
    quick = "--quick" in sys.argv
    sizes = [2_000] if quick else [2_000, 10_000]
    rows = []
    for n in sizes:
        for label, with_times, minimum in (
            ("not given", False, 0.0),
            ("given", True, 0.0),
            ("given, minimum 2 h a week", True, 2.0),
        ):
            people = applicants(n, with_times)
            settings = MatchSettings(
                first_day=FIRST, last_day=LAST, min_shared_hours=minimum
            )
            Pool(people[:50], settings).point_matrix()  # compile once
            masks, pool = cpu(lambda p=people, s=settings: Pool(p, s))
            points, matrix = cpu(pool.point_matrix)
            allowed = int((matrix >= 0).sum()) // 2
            solve = "—"
            if n <= 2_000:
                seconds, result = cpu(
                    lambda p=people, s=settings: match_applicants(p, s)
                )
                solve = f"{seconds:.2f} s, {result.stats.matched_people} matched"
            rows.append(
                f"| {n:,} | {label} | {masks:.2f} s | {points:.2f} s | "
                f"{len(pool.free.weeks)} | {pool.free.unit} | {allowed:,} | {solve} |"
            )
            print(rows[-1], flush=True)
    table = "\n".join(
        [
            "| applicants | availability | masks | points of every pair | spans "
            "| quarter hours a bit | allowed pairs | whole peer run |",
            "|---:|---|---:|---:|---:|---:|---:|---|",
            *rows,
        ]
    )
    text = (
        "# Weekly availability in the matcher\n\n"
        f"{__doc__.strip().splitlines()[0]}\n\n"
        f"Round from {FIRST} to {LAST}; CPU time, medians of {RUNS} runs, "
        f"{datetime.date.today()}.\n\n{table}\n"
    )
    Path(__file__).with_name("results_availability.md").write_text(text)
    print(table)


if __name__ == "__main__":
    main()
