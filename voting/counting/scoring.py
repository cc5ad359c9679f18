"""Rules that score every option once and take the best: AV, plurality, Borda.

- Approval voting (top-k AV): an option's score is the number of ballots that
  approve it.
- Plurality: an option's score is the number of ballots that choose it.
- Borda: with ``m`` options, a ballot gives ``m - 1`` points to its first choice,
  ``m - 2`` to its second, and so on. A truncated ranking gives its ranked options
  the same points as a full one and 0 to every option it leaves out, as if they
  were tied at the bottom (pref-voting's "domination Borda"), so a full ranking
  scores exactly as in the classic count.

The ``winners`` best scores win; equal scores across the last seat are a tie, broken
by the seeded lot. One round, whose scores are the options' scores.
Time O(total ballot length + m log m).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .ballots import approval_bitsets, choice_counts, prepare, ranking_counts
from .result import APPROVAL, BORDA, PLURALITY, CountResult, OptionId, Round


def count_approval(
    ballots: Iterable[Iterable[OptionId]],
    options: Iterable[OptionId],
    winners: int,
    seed: int,
) -> CountResult:
    """Top-k approval voting (AV): the options with the most approvals win."""
    options, index, seats, lot = prepare(options, winners, seed)
    bits, voters = approval_bitsets(ballots, index)
    scores = [approvers.bit_count() for approvers in bits]
    return _top(APPROVAL, options, scores, seats, lot, voters)


def count_plurality(
    ballots: Iterable[OptionId | None],
    options: Iterable[OptionId],
    winners: int,
    seed: int,
) -> CountResult:
    """Plurality: the options chosen by the most ballots win."""
    options, index, seats, lot = prepare(options, winners, seed)
    scores, counted = choice_counts(ballots, index)
    return _top(PLURALITY, options, scores, seats, lot, counted)


def count_borda(
    ballots: Iterable[Sequence[OptionId]],
    options: Iterable[OptionId],
    winners: int,
    seed: int,
) -> CountResult:
    """Borda count: the options with the most Borda points win."""
    options, index, seats, lot = prepare(options, winners, seed)
    top_points = len(options) - 1
    scores = [0] * len(options)
    counted = 0
    for ranking, count in ranking_counts(ballots, index).items():
        counted += count
        for place, option in enumerate(ranking):
            scores[option] += count * (top_points - place)
    return _top(BORDA, options, scores, seats, lot, counted)


def _top(rule, options, scores, seats, lot, counted) -> CountResult:
    elected = lot.top(dict(enumerate(scores)), seats)
    return CountResult(
        rule=rule,
        winners=tuple(options[i] for i in elected),
        rounds=(
            Round(
                number=1,
                scores={option: scores[i] for i, option in enumerate(options)},
                elected=tuple(options[i] for i in elected),
            ),
        ),
        ties=tuple(lot.ties),
        seed=lot.seed,
        ballots_counted=counted,
    )
