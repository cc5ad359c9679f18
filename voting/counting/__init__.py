"""Counting the votes of an election: pure functions over plain data.

No Django here: the functions take ballots and option ids and return a
:class:`CountResult`; loading ballots and saving results happen at the edges.

Ballots
    "Choose up to N" ballots are sets of option ids; ranked ballots are tuples of
    option ids, best first, and may stop early (truncated); "one choice" ballots are
    a single option id, or ``None`` for a blank. Ids that are not options and
    repeated options are ignored; empty ballots are not counted and never crash a
    count.

Rules (``winners`` seats; each module's docstring has the details)
    - ``approval``: top-k approval voting; the most approved options win.
    - ``seq_pav``: sequential proportional approval voting; seats one at a time to
      the option adding most PAV score (a voter with j elected approved options
      has satisfaction 1 + 1/2 + ... + 1/j).
    - ``pav``: proportional approval voting, exact: the committee with the highest
      PAV score, by branch and bound.
    - ``phragmen``: sequential Phragmén; seats one at a time to the option that
      keeps its approvers' highest load lowest.
    - ``borda``: Borda count, top-k by points; a truncated ranking gives 0 points to
      the options it leaves out.
    - ``schulze``: the Schulze method (winning votes); seats by repeated removal:
      elect the Schulze winner, remove it, repeat.
    - ``stv``: single transferable vote, weighted inclusive Gregory method with the
      Droop quota in exact fractions (Scottish STV without its 5-decimal
      truncation); truncated rankings exhaust when they run out.
    - ``plurality``: top-k by number of votes.

Ties
    Broken by a seeded lot: options are ordered by the SHA-256 hex digest of
    ``"<seed>:<option id>"``, smallest first (:func:`priority_order`); a tie for a
    seat goes to the earliest, a tie for exclusion excludes the latest, and among
    tied exact-PAV committees the one first in that order wins. Every tie that
    decided something is recorded (:class:`Tie`: round, kind, the tied options, the
    lot's choice, the seed). Same ballots, options and seed: same result, whatever
    the order of the ballots or of the options.

Complexity (n ballots, m options, k seats; bit sets count n/64 words at a time)
    approval, plurality, Borda: linear in the ballots, O(m log m) to rank.
    seq-PAV and Phragmén: O(k^2 m n/64). Schulze: O(n m^2) for the pairwise counts
    (identical rankings counted once), O(k m^3) for the paths. STV: O(m (u + m)) for
    u distinct rankings. Exact PAV: NP-hard; worst case O(C(m, k) k m n/64), in
    practice a small part of that thanks to the bounds. 10,000 ballots, 20 options,
    4 seats: every rule well under a second (bench/bench_counting.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .proportional import count_pav, count_phragmen, count_seq_pav
from .result import (
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
    SINGLE_CHOICE_RULES,
    STV,
    TIE_COMMITTEE,
    TIE_EXCLUSION,
    TIE_SEAT,
    TRANSFER_EXCLUSION,
    TRANSFER_SURPLUS,
    CountResult,
    OptionId,
    Round,
    Score,
    Tie,
    Transfer,
)
from .schulze import count_schulze
from .scoring import count_approval, count_borda, count_plurality
from .stv import count_stv
from .ties import priority_order

COUNTERS: dict[str, Callable[..., CountResult]] = {
    APPROVAL: count_approval,
    SEQ_PAV: count_seq_pav,
    PAV: count_pav,
    PHRAGMEN: count_phragmen,
    BORDA: count_borda,
    SCHULZE: count_schulze,
    STV: count_stv,
    PLURALITY: count_plurality,
}


def count(
    rule: str,
    ballots: Iterable,
    options: Iterable[OptionId],
    winners: int,
    seed: int,
) -> CountResult:
    """Count ``ballots`` by ``rule`` (one of :data:`RULES`) for ``winners`` seats.

    ``winners`` larger than the number of options elects them all.
    """
    try:
        counter = COUNTERS[rule]
    except KeyError:
        raise ValueError(f"unknown counting rule {rule!r}") from None
    return counter(ballots, options, winners, seed)


__all__ = [
    "APPROVAL",
    "APPROVAL_RULES",
    "BORDA",
    "COUNTERS",
    "PAV",
    "PHRAGMEN",
    "PLURALITY",
    "RANKED_RULES",
    "RULES",
    "SCHULZE",
    "SEQ_PAV",
    "SINGLE_CHOICE_RULES",
    "STV",
    "TIE_COMMITTEE",
    "TIE_EXCLUSION",
    "TIE_SEAT",
    "TRANSFER_EXCLUSION",
    "TRANSFER_SURPLUS",
    "CountResult",
    "OptionId",
    "Round",
    "Score",
    "Tie",
    "Transfer",
    "count",
    "count_approval",
    "count_borda",
    "count_pav",
    "count_phragmen",
    "count_plurality",
    "count_schulze",
    "count_seq_pav",
    "count_stv",
    "priority_order",
]
