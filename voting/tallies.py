"""Counting an election once, not once per reader.

Every results page, JSON and chart used to read and decode every ballot and
count again (100,000 approval ballots: 0.95 s a request). Now:

- A published election's count is stored (`StoredCount`) when the results
  are published, and read from there afterwards: no ballot is read again.
- Live results (shown while voting is open) are kept in the cache, keyed by
  what the count depends on, the number of ballots included: the first
  reader after a ballot counts again, the others read the cached count. The
  page cache is purged by each ballot as before (voting/cache.py), so a
  reader never sees a count older than the last ballot.

Either way the count is keyed by a fingerprint of its inputs (rule, seats,
seed, ballot type, options, number of ballots): change one and the next
reader counts again. `recount(election)` counts from the ballots and
replaces the stored count; the tests check that what a published election
shows equals a fresh recount.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .counting import count
from .counting.result import CountResult
from .counting.stored import dump, load
from .models import Ballot, BallotType, StoredCount

# How long a live count stays in the cache without a new ballot. Any ballot
# changes the key, so this only bounds the cache's memory.
LIVE_COUNT_SECONDS = 3600


@dataclass(frozen=True)
class Count:
    result: CountResult
    tally: dict  # {option key: approvals / first preferences / votes}
    ballots: int  # ballots read, empty ones included


def ballots_for_count(election, rows):
    if election.ballot_type == BallotType.CHOOSE:
        return [frozenset(choices) for choices in rows]
    if election.ballot_type == BallotType.RANK:
        return [tuple(choices) for choices in rows]
    return [choices[0] if choices else None for choices in rows]


def tally(election, rows):
    """Per option: approvals ("choose"), first preferences ("rank") or votes
    ("one"): the same figure whatever the rule, for the chart and table."""
    counts = dict.fromkeys(election.all_option_keys(), 0)
    for choices in rows:
        picked = choices if election.ballot_type == BallotType.CHOOSE else choices[:1]
        for key in picked:
            if key in counts:
                counts[key] += 1
    return counts


def count_ballots(election):
    """Read every ballot of the election and count them (the slow path)."""
    rows = list(
        Ballot.objects.filter(election_key=election.translation_key)
        .order_by()
        .values_list("choices", flat=True)
        .iterator(chunk_size=5000)
    )
    result = count(
        election.counting_rule,
        ballots_for_count(election, rows),
        election.all_option_keys(),
        election.winners,
        election.tie_seed,
    )
    return Count(result=result, tally=tally(election, rows), ballots=len(rows))


def inputs_of(election, ballots):
    """A fingerprint of what the count of `ballots` ballots depends on."""
    inputs = [
        election.counting_rule,
        election.ballot_type,
        election.winners,
        election.tie_seed,
        election.all_option_keys(),
        ballots,
    ]
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()


def recount(election):
    """Count from the ballots and store the count (publishing the results
    does this; so can anyone who wants the stored count checked)."""
    fresh = count_ballots(election)
    with transaction.atomic():
        StoredCount.objects.update_or_create(
            election_key=election.translation_key,
            defaults={
                "inputs": inputs_of(election, fresh.ballots),
                "ballots": fresh.ballots,
                "result": dump(fresh.result),
                "tally": fresh.tally,
                "counted_at": timezone.now(),
            },
        )
    return fresh


def counted(election, ballots):
    """The count of the election's `ballots` ballots (the number cast, which
    the caller has read anyway for the turnout): stored once published,
    cached while live, counted only when neither holds it."""
    inputs = inputs_of(election, ballots)
    if election.results_published:
        stored = StoredCount.objects.filter(
            election_key=election.translation_key, inputs=inputs
        ).first()
        if stored is not None:
            return Count(
                result=load(stored.result), tally=stored.tally, ballots=stored.ballots
            )
        return recount(election)
    cache_key = f"voting:count:{election.translation_key}:{inputs}"
    cached = cache.get(cache_key)
    if cached is not None:
        return Count(
            result=load(cached["result"]),
            tally=cached["tally"],
            ballots=cached["ballots"],
        )
    fresh = count_ballots(election)
    cache.set(
        cache_key,
        {"result": dump(fresh.result), "tally": fresh.tally, "ballots": fresh.ballots},
        LIVE_COUNT_SECONDS,
    )
    return fresh
