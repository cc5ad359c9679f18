"""The Schulze method for ranked ballots, with seats filled by repeated removal.

``d[x][y]`` is the number of ballots that rank ``x`` above ``y``. A truncated
ranking puts every option it ranks above every option it leaves out and says
nothing about two options it leaves out. Link strength is *winning votes*, as
Schulze recommends: the link ``x -> y`` has strength ``d[x][y]`` when
``d[x][y] > d[y][x]`` and there is no link otherwise. The strength of a path is
that of its weakest link; ``p[x][y]`` is the strength of the strongest path from
``x`` to ``y`` (0 if there is none). ``x`` beats ``y`` when ``p[x][y] > p[y][x]``,
and the Schulze winners are the options no other option beats (there always is
one). With full rankings, winning votes and margins give the same result.

Seats: find the Schulze winner of the options still in the running, elect it,
remove it and repeat with the rest, paths running only through options still in
the running. Several Schulze winners at a step are a tie for that seat, broken by
the seeded lot. One round per seat; its scores are how many of the options still
in the running each one beats. ``details["pairwise"]`` lists ``[x, y, d[x][y]]``.

Complexity: O(total ballot length x m) for ``d`` (identical rankings counted once),
then O(m^3) per seat (Floyd-Warshall style widest paths): O(k m^3).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .ballots import prepare, ranking_counts
from .result import SCHULZE, CountResult, OptionId, Round


def count_schulze(
    ballots: Iterable[Sequence[OptionId]],
    options: Iterable[OptionId],
    winners: int,
    seed: int,
) -> CountResult:
    """Schulze method (winning votes); seats by repeated removal of the winner."""
    options, index, seats, lot = prepare(options, winners, seed)
    rankings = ranking_counts(ballots, index)
    preferred = pairwise_counts(rankings, len(options))
    running = list(range(len(options)))
    elected: list[int] = []
    rounds = []
    for seat in range(1, seats + 1):
        strength = strongest_paths(preferred, running)
        beats = {
            x: sum(1 for y in running if strength[x][y] > strength[y][x])
            for x in running
        }
        unbeaten = [
            x for x in running if all(strength[x][y] >= strength[y][x] for y in running)
        ]
        (chosen,) = lot.elect(unbeaten, 1, round=seat, seat=seat)
        elected.append(chosen)
        running.remove(chosen)
        rounds.append(
            Round(
                number=seat,
                scores={options[x]: beats[x] for x in beats},
                elected=(options[chosen],),
            )
        )
    pairwise = [
        [options[x], options[y], preferred[x][y]]
        for x in range(len(options))
        for y in range(len(options))
        if x != y
    ]
    return CountResult(
        rule=SCHULZE,
        winners=tuple(options[x] for x in elected),
        rounds=tuple(rounds),
        ties=tuple(lot.ties),
        seed=seed,
        ballots_counted=sum(rankings.values()),
        details={"pairwise": pairwise},
    )


def pairwise_counts(rankings, m: int) -> list[list[int]]:
    """``d[x][y]``: ballots ranking ``x`` above ``y`` (ranked beats unranked).

    Counting pair by pair costs m^2 / 2 Python steps per ballot; 10,000 ballots
    ranking 20 options would take 1.9 million. Instead every ballot becomes one byte
    per option, ``value[x]``: ``L - place`` where it ranks ``x`` (rankings at most
    ``L`` long), 0 where it does not, and the bytes of all ballots are packed into
    one integer per option with ``bytes.translate`` (C speed). Then for each pair
    ``(0x80 + value[x]) - (value[y] + 1)`` is computed for all ballots at once in
    one subtraction (no byte borrows from its neighbour, since each result is
    between 0 and 254) and its 0x80 bit is set exactly where ``value[x] >
    value[y]``: ``d[x][y]`` is the number of such bits. O(m L) translations and
    O(m^2) subtractions of n-byte integers.
    """
    if m > 127:  # one byte per value, below the 0x80 guard bit
        return pairwise_counts_by_loops(rankings, m)
    longest = max(map(len, rankings), default=0)
    voters = sum(rankings.values())
    padding = bytes([m]) * longest  # m is no option
    # Ballot after ballot, each as ``longest`` bytes: the option at each place.
    packed = b"".join(
        (bytes(ranking) + padding[len(ranking) :]) * count
        for ranking, count in rankings.items()
    )
    values = [0] * m
    for place in range(longest):
        options_here = packed[place::longest]  # the option each ballot puts here
        for x in range(m):
            table = bytearray(256)
            table[x] = longest - place
            values[x] |= int.from_bytes(options_here.translate(table), "little")
    guard_bits = int.from_bytes(b"\x80" * voters, "little")
    ones = int.from_bytes(b"\x01" * voters, "little")
    above = [value | guard_bits for value in values]
    below = [value + ones for value in values]
    return [
        [
            0 if x == y else ((above[x] - below[y]) & guard_bits).bit_count()
            for y in range(m)
        ]
        for x in range(m)
    ]


def pairwise_counts_by_loops(rankings, m: int) -> list[list[int]]:
    """The same as :func:`pairwise_counts`, the plain way: O(u m^2) for u rankings."""
    preferred = [[0] * m for _ in range(m)]
    for ranking, count in rankings.items():
        ranked = set(ranking)
        unranked = [y for y in range(m) if y not in ranked]
        for place, x in enumerate(ranking):
            row = preferred[x]
            for y in (*ranking[place + 1 :], *unranked):
                row[y] += count
    return preferred


def strongest_paths(preferred: list[list[int]], running: list[int]) -> list[list[int]]:
    """``p[x][y]`` over paths through ``running`` only (other entries are 0)."""
    m = len(preferred)
    strength = [[0] * m for _ in range(m)]
    for x in running:
        for y in running:
            if x != y and preferred[x][y] > preferred[y][x]:
                strength[x][y] = preferred[x][y]
    for via in running:
        through = strength[via]
        for x in running:
            if x == via:
                continue
            to_via = strength[x][via]
            if not to_via:
                continue
            row = strength[x]
            for y in running:
                if y != x and y != via:
                    candidate = min(to_via, through[y])
                    if candidate > row[y]:
                        row[y] = candidate
    return strength
