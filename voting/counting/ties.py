"""The seeded lot that breaks ties, and the record it keeps of each one.

Rule: the options are put in *priority order* by the SHA-256 hex digest of the
text ``"<seed>:<option id>"`` (for seed 1234 and option 17, of ``"1234:17"``),
smallest digest first. In a tie for a seat the tied options earliest in that order
win; in a tie for exclusion (STV) the one latest in that order is excluded. So
anyone can check a draw with ``printf '1234:17' | sha256sum``, the draw does not
depend on the order options were entered or ballots were cast, and adding an option
does not reorder the others. A different seed gives a different, equally fair order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from .result import TIE_COMMITTEE, TIE_EXCLUSION, TIE_SEAT, OptionId, Score, Tie


def priority_order(options: Iterable[OptionId], seed: int) -> tuple[OptionId, ...]:
    """The options in the seeded lot's priority order (tie winners first)."""
    options = list(options)
    return tuple(
        options[position]
        for _, position in sorted(
            (_digest(option, seed), position) for position, option in enumerate(options)
        )
    )


def _digest(option: OptionId, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{option}".encode()).hexdigest()


class SeededLot:
    """Breaks ties between option *indices* by the seeded priority order.

    The counting code works on indices ``0..m-1`` into ``options``; the lot maps
    them back to option ids when it records a :class:`Tie`.
    """

    def __init__(self, options: Sequence[OptionId], seed: int):
        self.options = tuple(options)
        self.seed = seed
        position = {option: index for index, option in enumerate(self.options)}
        #: rank[i] is option i's place in the priority order (0 wins every tie).
        self.rank = [0] * len(self.options)
        for place, option in enumerate(priority_order(self.options, seed)):
            self.rank[position[option]] = place
        self.ties: list[Tie] = []

    def sorted(self, indices: Iterable[int]) -> list[int]:
        """``indices`` in priority order."""
        return sorted(indices, key=self.rank.__getitem__)

    def elect(
        self, tied: Iterable[int], places: int, *, round: int, seat: int
    ) -> list[int]:
        """Pick ``places`` of ``tied`` for seats ``seat``, ``seat + 1``, ...

        Records a tie only when there are more tied options than places.
        """
        tied = self.sorted(tied)
        chosen = tied[:places]
        if len(tied) > places:
            self._record(round, TIE_SEAT, tied, chosen, seat)
        return chosen

    def exclude(self, tied: Iterable[int], *, round: int) -> int:
        """Pick the one of ``tied`` to exclude: the last in priority order."""
        tied = self.sorted(tied)
        excluded = tied[-1]
        if len(tied) > 1:
            self._record(round, TIE_EXCLUSION, tied, [excluded], None)
        return excluded

    def record_committee_tie(
        self, tied: Iterable[int], chosen: Iterable[int], *, round: int
    ) -> None:
        chosen = set(chosen)
        tied = self.sorted(tied)
        self._record(round, TIE_COMMITTEE, tied, [i for i in tied if i in chosen], None)

    def _record(self, round, kind, tied, chosen, seat):
        self.ties.append(
            Tie(
                round=round,
                kind=kind,
                options=tuple(self.options[i] for i in tied),
                chosen=tuple(self.options[i] for i in chosen),
                seed=self.seed,
                seat=seat,
            )
        )

    def top(
        self,
        scores: Mapping[int, Score],
        places: int,
        *,
        round: int = 1,
        first_seat: int = 1,
    ) -> list[int]:
        """The ``places`` indices with the highest ``scores``, for seats from
        ``first_seat`` on.

        Best first, equal scores in priority order. Records a tie only where equal
        scores straddle the last place, since only that changes who is elected.
        """
        order = sorted(scores, key=lambda i: (-scores[i], self.rank[i]))
        if places >= len(order):
            return order
        if places <= 0:
            return []
        cutoff = scores[order[places - 1]]
        tied = [i for i in order if scores[i] == cutoff]
        above = sum(1 for i in order if scores[i] > cutoff)
        if len(tied) > places - above:
            self.elect(tied, places - above, round=round, seat=first_seat + above)
        return order[:places]
