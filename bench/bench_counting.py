"""Benchmark of voting.counting against the reference implementations.

Run: ``.venv/bin/python bench/bench_counting.py`` (no Django needed).

One polarised electorate of 10,000 voters and 20 options, 4 seats, fixed seeds:
three groups of voters (50%, 30%, 20%) each prefer their own block of options, with
Gaussian noise per voter. From the same voters come the three kinds of ballot: the
options a voter likes enough ("choose up to N", about 5 of 20), a full ranking, and
the first choice. For every rule we time our count end to end from that list of
ballots (median of several runs), then the reference for the same rule, also end to
end (building its profile from the same ballots, then counting), in a subprocess
with a time cap. References number the options in our seeded priority order, so
that ties, if any, would be broken alike and the winners can be compared.

References: abcvoting (AV, seq-PAV, exact PAV, seq-Phragmén; plurality as AV on
one-option ballots) and pref-voting (Borda, Schulze as beat path, STV as
``stv_wig(quota_rule="droop")``, the variant ours follows).
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voting.counting import (  # noqa: E402
    APPROVAL,
    APPROVAL_RULES,
    BORDA,
    PAV,
    PHRAGMEN,
    PLURALITY,
    RANKED_RULES,
    RULES,
    SCHULZE,
    SEQ_PAV,
    STV,
    count,
    priority_order,
)

VOTERS = 10_000
OPTIONS = tuple(f"option-{number:02d}" for number in range(20))
SEATS = 4
ELECTION_SEED = 1234  # the tie-breaking seed stored with the election
PROFILE_SEED = 2024
OUR_RUNS = 7
REFERENCE_TIME_CAP = 120  # seconds


def polarised_ballots():
    """(approval ballots, full rankings, first choices) of the same voters."""
    rng = random.Random(PROFILE_SEED)
    groups = [
        (0.5, set(OPTIONS[0:7])),
        (0.3, set(OPTIONS[7:13])),
        (0.2, set(OPTIONS[13:])),
    ]
    approvals, rankings, choices = [], [], []
    for _ in range(VOTERS):
        block = rng.choices([g for _, g in groups], weights=[s for s, _ in groups])[0]
        utility = {o: rng.gauss(1.0 if o in block else 0.0, 0.6) for o in OPTIONS}
        ranking = tuple(sorted(OPTIONS, key=utility.__getitem__, reverse=True))
        approvals.append(frozenset(o for o in OPTIONS if utility[o] > 0.9))
        rankings.append(ranking)
        choices.append(ranking[0])
    return approvals, rankings, choices


def ballots_for(rule, approvals, rankings, choices):
    if rule in APPROVAL_RULES:
        return approvals
    return rankings if rule in RANKED_RULES else choices


# --- References (run in a child process) ---------------------------------------


def reference_count(rule, approvals, rankings, choices):
    """Count with the reference; return winners as our option ids."""
    order = priority_order(OPTIONS, ELECTION_SEED)
    label = {option: number for number, option in enumerate(order)}
    if rule in (APPROVAL, SEQ_PAV, PHRAGMEN, PLURALITY) or rule.startswith(PAV):
        return [order[c] for c in _abcvoting(rule, label, approvals, choices)]
    return [order[c] for c in _pref_voting(rule, label, rankings)]


def _abcvoting(rule, label, approvals, choices):
    from abcvoting import abcrules
    from abcvoting.preferences import Profile

    ballots = [{c} for c in choices] if rule == PLURALITY else approvals
    profile = Profile(len(OPTIONS))
    profile.add_voters([{label[o] for o in ballot} for ballot in ballots if ballot])
    profile.convert_to_weighted()  # identical ballots counted once, as we do
    if rule in (APPROVAL, PLURALITY):
        (committee,) = abcrules.compute_av(profile, SEATS, resolute=True)
    elif rule == SEQ_PAV:
        (committee,) = abcrules.compute_seqpav(profile, SEATS, resolute=True)
    elif rule == PHRAGMEN:
        (committee,) = abcrules.compute_seqphragmen(
            profile, SEATS, resolute=True, algorithm="gmpy2-fractions"
        )
    else:
        algorithm = "pulp-highs" if rule == "pav-highs" else "branch-and-bound"
        (committee,) = abcrules.compute_pav(
            profile, SEATS, resolute=True, algorithm=algorithm
        )
    return committee


def _pref_voting(rule, label, rankings):
    from pref_voting.margin_based_methods import beat_path
    from pref_voting.profiles import Profile
    from pref_voting.proportional_methods import stv_wig

    profile = Profile([[label[o] for o in ranking] for ranking in rankings])
    if rule == BORDA:
        points = profile.borda_scores()
        return sorted(points, key=lambda c: (-points[c], c))[:SEATS]
    if rule == SCHULZE:
        running, elected = list(profile.candidates), []
        for _ in range(SEATS):
            (winner, *_) = beat_path(profile, curr_cands=running)
            elected.append(winner)
            running.remove(winner)
        return elected
    return stv_wig(profile, num_seats=SEATS, quota_rule="droop")


def _import_references():
    """Import outside the timed runs, so that they time counting only."""
    # abcvoting's "pulp-highs" algorithm needs these imported before abcvoting.
    import highspy  # noqa: F401
    import pulp  # noqa: F401

    for module in (
        "abcvoting.abcrules",
        "pref_voting.margin_based_methods",
        "pref_voting.profiles",
        "pref_voting.proportional_methods",
    ):
        importlib.import_module(module)


def run_reference(rule):
    """Child process: time the reference, print JSON."""
    ballots = polarised_ballots()
    _import_references()
    timings = []
    while True:
        start = time.perf_counter()
        winners = reference_count(rule, *ballots)
        timings.append(time.perf_counter() - start)
        # The median of three runs; a reference slower than 10 s is timed once.
        if len(timings) == 3 or timings[0] > 10:
            break
    print(json.dumps({"ms": statistics.median(timings) * 1000, "winners": winners}))


# --- Parent: our counts, the table ---------------------------------------------

# Rows: (label, our rule, reference rule key, reference name)
ROWS = [
    ("approval (AV)", APPROVAL, APPROVAL, "abcvoting compute_av"),
    ("seq_pav", SEQ_PAV, SEQ_PAV, "abcvoting compute_seqpav"),
    ("pav (exact)", PAV, "pav-highs", "abcvoting compute_pav, pulp-highs (ILP)"),
    ("pav (exact)", PAV, "pav-bb", "abcvoting compute_pav, branch-and-bound"),
    ("phragmen", PHRAGMEN, PHRAGMEN, "abcvoting compute_seqphragmen, gmpy2"),
    ("borda", BORDA, BORDA, "pref-voting Profile.borda_scores"),
    ("schulze", SCHULZE, SCHULZE, "pref-voting beat_path, repeated removal"),
    ("stv", STV, STV, "pref-voting stv_wig(quota_rule='droop')"),
    ("plurality", PLURALITY, PLURALITY, "abcvoting compute_av, one-option ballots"),
]


def time_ours(rule, ballots):
    timings, result = [], None
    for _ in range(OUR_RUNS):
        start = time.perf_counter()
        result = count(rule, ballots, OPTIONS, SEATS, ELECTION_SEED)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, result


def time_reference(key):
    command = [sys.executable, __file__, "--reference", key]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=REFERENCE_TIME_CAP
        )
    except subprocess.TimeoutExpired:
        return None, None
    if done.returncode:
        raise RuntimeError(f"reference {key} failed:\n{done.stderr}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return answer["ms"], answer["winners"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", help=argparse.SUPPRESS)
    parser.add_argument("--rules", nargs="*", choices=RULES, help="only these rules")
    args = parser.parse_args()
    if args.reference:
        run_reference(args.reference)
        return
    approvals, rankings, choices = polarised_ballots()
    print(
        f"{VOTERS:,} ballots, {len(OPTIONS)} options, {SEATS} seats, polarised; "
        f"ours: median of {OUR_RUNS} runs; reference capped at {REFERENCE_TIME_CAP} s"
    )
    print()
    print(
        "| rule | ours (median ms) | reference | reference (ms) | ratio "
        "| same winners? |"
    )
    print("|---|---:|---|---:|---:|---|")
    ours = {}  # rule -> (median ms, result), timed once for rows sharing a rule
    misses = []
    for name, rule, key, reference in ROWS:
        if args.rules and rule not in args.rules:
            continue
        if rule not in ours:
            ours[rule] = time_ours(
                rule, ballots_for(rule, approvals, rankings, choices)
            )
        ours_ms, result = ours[rule]
        ties = f" ({len(result.ties)} ties)" if result.ties else ""
        reference_ms, reference_winners = time_reference(key)
        if reference_ms is None:
            shown, ratio, same = f"did not finish in {REFERENCE_TIME_CAP} s", "-", "-"
        else:
            shown = f"{reference_ms:,.0f}"
            ratio = f"{reference_ms / ours_ms:,.0f}x"
            same = "yes" if set(reference_winners) == set(result.winners) else "NO"
            if reference_ms > 50 and reference_ms < 10 * ours_ms:
                misses.append(f"{name}: less than 10x faster than {reference}")
            if same == "NO":
                misses.append(f"{name}: not the winners of {reference}")
        if ours_ms >= 1000:
            misses.append(f"{name}: 1 s or more")
        print(
            f"| {name} | {ours_ms:,.1f}{ties} | {reference} | {shown} | {ratio} "
            f"| {same} |",
            flush=True,
        )
    print()
    print(
        "Targets (under 1 s; 10x faster where the reference needs over 50 ms; "
        "same winners): "
        + ("all met" if not misses else "MISSED: " + "; ".join(misses))
    )


if __name__ == "__main__":
    main()
