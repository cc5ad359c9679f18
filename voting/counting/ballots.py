"""Turning ballots of option ids into the compact forms the rules count.

Ballots are validated before they are stored; here we only make sure that nothing
crashes a count. An id that is not among the options (say, an option withdrawn
after voting opened) is ignored, as is a repeat of an option already ranked; a
ballot left with no option is empty and is not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from .result import OptionId
from .ties import SeededLot


def prepare(
    options: Iterable[OptionId], winners: int, seed: int
) -> tuple[tuple[OptionId, ...], dict[OptionId, int], int, SeededLot]:
    """Options as a tuple, their index, the number of seats to fill, the lot."""
    options = tuple(options)
    index = {option: position for position, option in enumerate(options)}
    if len(index) != len(options):
        raise ValueError("options must be distinct")
    if winners < 0:
        raise ValueError("winners must not be negative")
    return options, index, min(winners, len(options)), SeededLot(options, seed)


def approval_bitsets(
    ballots: Iterable[Iterable[OptionId]], index: dict[OptionId, int]
) -> tuple[list[int], int]:
    """Each option's approvers as the bits of one integer, and the number of voters.

    Voter ``v`` (the v-th non-empty ballot) is bit ``v``. Python integers are
    arbitrary-precision bit sets, so "voters who approve A and B but not C" is
    ``bits[a] & bits[b] & ~bits[c]`` and its size ``int.bit_count()``: one machine
    word per 64 voters instead of one Python loop step per voter.
    """
    ballots = list(ballots)
    width = len(ballots) // 8 + 1
    rows = [bytearray(width) for _ in index]
    voters = 0
    for ballot in ballots:
        counted = False
        for option in ballot:
            position = index.get(option)
            if position is not None:
                rows[position][voters >> 3] |= 1 << (voters & 7)
                counted = True
        voters += counted
    return [int.from_bytes(row, "little") for row in rows], voters


def ranking_counts(
    ballots: Iterable[Sequence[OptionId]], index: dict[OptionId, int]
) -> dict[tuple[int, ...], int]:
    """How many ballots gave each distinct ranking (as option indices, best first)."""
    counts: dict[tuple[int, ...], int] = {}
    position_of = index.get
    # Identical ballots are common: clean up each distinct one once.
    for ballot, times in Counter(map(tuple, ballots)).items():
        ranking = tuple(map(position_of, ballot))
        distinct = set(ranking)
        if None in distinct or len(distinct) < len(ranking):
            ranking = tuple(
                dict.fromkeys(position for position in ranking if position is not None)
            )
        if ranking:
            counts[ranking] = counts.get(ranking, 0) + times
    return counts


def choice_counts(
    ballots: Iterable[OptionId | None], index: dict[OptionId, int]
) -> tuple[list[int], int]:
    """Votes per option for one-choice ballots (``None`` is a blank ballot)."""
    votes = [0] * len(index)
    counted = 0
    for choice in ballots:
        position = index.get(choice) if choice is not None else None
        if position is not None:
            votes[position] += 1
            counted += 1
    return votes, counted
