"""Benchmark of program/rotations.py on the two target events.

Run from the repository root (no Django needed):

    .venv/bin/python bench/bench_rotations.py            # writes the results
    .venv/bin/python bench/bench_rotations.py --no-write

For each event: the time to schedule (median of a few runs, seeded preferences
included) and the checks: no repeated meeting, capacity, every rotation's tables
within one of each other, sit-outs per mentee within one of each other, and how
many preferences were honoured. Results go to bench/results_rotations.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import rustworkx as rx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from program.rotations import check_schedule, schedule_rotations  # noqa: E402

RESULTS = ROOT / "bench" / "results_rotations.md"
EVENTS = [  # mentors, mentees, rotations, capacity
    (40, 120, 8, 3),
    (200, 2000, 10, 3),
]


def preferences_for(mentors: list[int], mentees: list[int], seed: int):
    """Up to three preferred mentors each, some mentors far more popular."""
    rng = random.Random(seed)
    popularity = [1 / (rank + 1) for rank in range(len(mentors))]
    wishes = {}
    for mentee in mentees:
        wishes[mentee] = set(rng.choices(mentors, popularity, k=rng.randint(0, 3)))
    return wishes


def most_preferences(schedule, wishes) -> int:
    """The most wishes any schedule with the same meetings per mentee and per
    table could honour: a maximum flow (networkx) from mentees to tables."""
    import networkx as nx

    per_mentee = Counter(mentee for _, mentee in schedule.meetings())
    per_table = Counter(mentor for mentor, _ in schedule.meetings())
    graph = nx.DiGraph()
    for mentee, wanted in wishes.items():
        graph.add_edge("source", ("mentee", mentee), capacity=per_mentee[mentee])
        for mentor in wanted:
            graph.add_edge(("mentee", mentee), ("mentor", mentor), capacity=1)
    for mentor, seats in per_table.items():
        graph.add_edge(("mentor", mentor), "sink", capacity=seats)
    return nx.maximum_flow_value(graph, "source", "sink")


def measure(mentors: int, mentees: int, rotations: int, capacity: int, runs: int):
    mentor_ids = list(range(1, mentors + 1))
    mentee_ids = list(range(100_000, 100_000 + mentees))
    wishes = preferences_for(mentor_ids, mentee_ids, seed=mentees)
    times = []
    schedule = None
    for _ in range(runs):
        started = time.perf_counter()
        schedule = schedule_rotations(
            mentor_ids, mentee_ids, rotations, capacity, wishes, seed=1
        )
        times.append(time.perf_counter() - started)
    assert schedule is not None
    meetings = Counter(schedule.meetings())
    spread = max(
        max(len(t.mentees) for t in r.tables) - min(len(t.mentees) for t in r.tables)
        for r in schedule.rotations
    )
    sat_out = Counter(m for r in schedule.rotations for m in r.sitting_out)
    outs = [sat_out[m] for m in mentee_ids]
    return {
        "event": f"{mentors} mentors, {mentees:,} mentees, {rotations} rotations, "
        f"tables of {capacity}",
        "time": statistics.median(times),
        "repeats": sum(1 for count in meetings.values() if count > 1),
        "over capacity": sum(
            1 for r in schedule.rotations for t in r.tables if len(t.mentees) > capacity
        ),
        "fill spread": spread,
        "sit-outs": f"{min(outs)}-{max(outs)}" if outs else "0",
        "preferences": (
            f"{schedule.preferences_met:,} of {schedule.preferences_asked:,} "
            f"(most possible: {most_preferences(schedule, wishes):,})"
        ),
        "check_schedule": "ok" if not check_schedule(schedule) else "FAILED",
    }


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    columns = [
        "event",
        "time",
        "repeats",
        "over capacity",
        "fill spread",
        "sit-outs",
        "preferences",
        "check_schedule",
    ]
    header = [
        "event",
        "time (median)",
        "repeated meetings",
        "tables over capacity",
        "max - min table fill in a rotation",
        "sit-outs per mentee",
        "preferences honoured",
        "all checks",
    ]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for event in EVENTS:
        found = measure(*event, runs=args.runs)
        found["time"] = f"{found['time'] * 1000:.0f} ms"
        rows.append("| " + " | ".join(str(found[c]) for c in columns) + " |")
    for row in rows:
        say(row)
    if not args.no_write:
        RESULTS.write_text(
            f"""# Rotation schedule benchmark

Produced by `.venv/bin/python bench/bench_rotations.py` on {platform.machine()},
{multiprocessing.cpu_count()} cores, Python {platform.python_version()},
rustworkx {rx.__version__}, load average {os.getloadavg()[0]:.1f} (a shared
machine); median of {args.runs} runs of `schedule_rotations()` each. Every
mentee has 0 to 3 preferred mentors, drawn with a skew (mentor k is wanted in
proportion to 1/k), so the popular tables are oversubscribed and not
every wish can be met; "most possible" is a maximum flow (networkx) over the
same meetings per mentee and per table, the best any schedule could do. The
checks are computed from the schedule itself.

{chr(10).join(rows)}

With 120 mentees at 40 tables of 3 everyone is seated in every rotation. With
2,000 mentees at 200 tables of 3 (600 seats), 1,400 mentees sit out each
rotation, and each mentee sits out 7 of the 10 rotations.
"""
        )
        say(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
