"""Single transferable vote: weighted inclusive Gregory method, Droop quota.

This is the STV of Scottish local elections (SSI 2007/42) counted in exact fractions
instead of truncating transfer values to five decimals, with the order of steps of
pref-voting's ``stv_wig(quota_rule="droop")``, the reference it is tested against:

1. Quota: ``floor(valid ballots / (seats + 1)) + 1`` (Droop), fixed for the count.
   Empty ballots are not valid ballots. Each ballot starts with value 1 and counts
   for the first option it ranks.
2. Each stage, in this order:

   a. If no more options are continuing than seats are open, they are all elected
      (best tally first) and the count ends.
   b. Otherwise every continuing option whose tally reaches the quota is elected
      (with the Droop quota no more can reach it than seats are open). Unless that
      fills the last seat, each one's surplus (tally - quota) is transferred: every
      ballot it holds moves on to its next continuing option at ``surplus / tally``
      of its value (weighted inclusive Gregory), so the option keeps exactly the
      quota. Options that reach the quota through these transfers are elected in
      the next stage.
   c. Otherwise the continuing option with the lowest tally is excluded and each
      of its ballots moves on, at its current value, to its next continuing option.

   A ballot whose ranking has no further continuing option is exhausted: its value
   leaves the count. So a truncated ranking simply exhausts sooner.

Ties: options tied for the lowest tally are a tie for exclusion, and the seeded lot
excludes the last of them in priority order. (Scottish STV first looks back at
earlier stages; we go to the lot directly, as the reference does.)

Each stage is one round: its scores are the tallies at the start of the stage
(elected options keep the quota, excluded ones 0), then who was elected or excluded
and the transfers that followed. ``details["quota"]`` is the quota.

Complexity: identical rankings move together as one bundle, so for ``u`` distinct
rankings of at most ``m`` options there are at most ``2m`` stages, each touching only
the bundles of one or a few options: O(m (u + m)) steps plus, per stage, one
exact fraction product per distinct ballot value (a few) rather than per ballot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from fractions import Fraction

from .ballots import prepare, ranking_counts
from .result import (
    STV,
    TRANSFER_EXCLUSION,
    TRANSFER_SURPLUS,
    CountResult,
    OptionId,
    Round,
    Transfer,
)

ONE = Fraction(1)


def count_stv(
    ballots: Iterable[Sequence[OptionId]],
    options: Iterable[OptionId],
    winners: int,
    seed: int,
) -> CountResult:
    """STV, weighted inclusive Gregory with Droop quota, exact fractions."""
    options, index, seats, lot = prepare(options, winners, seed)
    count = _Count(options, ranking_counts(ballots, index), seats)
    elected: list[int] = []
    rounds: list[Round] = []
    while len(elected) < seats:
        stage = len(rounds) + 1
        scores = {options[c]: tally for c, tally in enumerate(count.tally)}
        running = [c for c in range(len(options)) if count.continuing[c]]
        open_seats = seats - len(elected)
        if len(running) <= open_seats:
            chosen = lot.top({c: count.tally[c] for c in running}, open_seats)
            elected += chosen
            rounds.append(Round(stage, scores, elected=_ids(options, chosen)))
            break
        reached = {c: count.tally[c] for c in running if count.tally[c] >= count.quota}
        if reached:
            chosen = lot.top(
                reached, open_seats, round=stage, first_seat=len(elected) + 1
            )
            elected += chosen
            for c in chosen:
                count.continuing[c] = False
            transfers = []
            if len(elected) < seats:
                for c in chosen:
                    if count.tally[c] > count.quota:
                        transfers.append(count.transfer_surplus(c))
            rounds.append(
                Round(
                    stage,
                    scores,
                    elected=_ids(options, chosen),
                    transfers=tuple(transfers),
                )
            )
            continue
        lowest = min(count.tally[c] for c in running)
        excluded = lot.exclude(
            [c for c in running if count.tally[c] == lowest], round=stage
        )
        count.continuing[excluded] = False
        transfer = count.transfer_all(excluded)
        rounds.append(
            Round(stage, scores, eliminated=(options[excluded],), transfers=(transfer,))
        )
    return CountResult(
        rule=STV,
        winners=_ids(options, elected),
        rounds=tuple(rounds),
        ties=tuple(lot.ties),
        seed=seed,
        ballots_counted=count.valid,
        details={"quota": count.quota},
    )


def _ids(options, indices) -> tuple[OptionId, ...]:
    return tuple(options[c] for c in indices)


class _Count:
    """Where every bundle of identical ballots is, and at what value."""

    def __init__(self, options, rankings, seats):
        self.options = options
        self.bundles = list(rankings.items())  # (ranking, number of ballots)
        self.valid = sum(size for _, size in self.bundles)
        self.quota = self.valid // (seats + 1) + 1
        self.continuing = [True] * len(options)
        # place[b]: index in bundle b's ranking of the option now holding it.
        self.place = [0] * len(self.bundles)
        # piles[c]: ballot value -> bundles option c holds at that value.
        self.piles: list[dict[Fraction, list[int]]] = [{} for _ in options]
        self.tally: list[int | Fraction] = [0] * len(options)
        for bundle, (ranking, size) in enumerate(self.bundles):
            self.piles[ranking[0]].setdefault(ONE, []).append(bundle)
            self.tally[ranking[0]] += size

    def transfer_surplus(self, source: int) -> Transfer:
        surplus = self.tally[source] - self.quota
        factor = Fraction(surplus) / self.tally[source]
        transfer = self._move(source, factor, TRANSFER_SURPLUS)
        self.tally[source] = self.quota
        return transfer

    def transfer_all(self, source: int) -> Transfer:
        transfer = self._move(source, ONE, TRANSFER_EXCLUSION)
        self.tally[source] = 0
        return transfer

    def _move(self, source: int, factor: Fraction, reason: str) -> Transfer:
        """Move every bundle ``source`` holds on, at ``factor`` of its value."""
        arriving: dict[int, dict[Fraction, int]] = defaultdict(lambda: defaultdict(int))
        exhausted = 0
        for value, bundles in self.piles[source].items():
            moved_value = value * factor
            for bundle in bundles:
                ranking, size = self.bundles[bundle]
                place = self.place[bundle] + 1
                while place < len(ranking) and not self.continuing[ranking[place]]:
                    place += 1
                if place == len(ranking):
                    exhausted += moved_value * size
                    continue
                self.place[bundle] = place
                target = ranking[place]
                self.piles[target].setdefault(moved_value, []).append(bundle)
                arriving[target][moved_value] += size
        self.piles[source] = {}
        received = {}
        for target, by_value in arriving.items():
            gained = sum(value * size for value, size in by_value.items())
            self.tally[target] += gained
            received[self.options[target]] = gained
        return Transfer(
            source=self.options[source],
            reason=reason,
            value=sum(received.values()) + exhausted,
            received=received,
            exhausted=exhausted,
        )
