"""Speed-mentoring rotations: who sits at which mentor's table, rotation by rotation.

No database here: the event's models pass ids in and store the `Schedule`.

Rules
-----
- Mentors stay at their tables; mentees move. There are R rotations and each
  table seats at most `capacity` mentees at a time.
- Nobody meets the same mentor twice.
- In every rotation the tables are as evenly filled as the numbers allow: with S
  mentees seated (all of them, or every seat if there are more mentees than
  seats), every table has floor(S / m) or ceil(S / m) of them.
- If there are more mentees than seats, the ones left over sit a rotation out,
  and sit-outs are spread evenly: everyone sits out floor or ceil of the average.
- Preferences (preferred mentor ids per mentee) are honoured where possible: every
  mentee gets one preferred mentor before anyone gets a second, in seeded order,
  as long as the mentor's table has room over the event.
- Same inputs and seed, same schedule (ids are sorted first).

How
---
It is a bipartite edge colouring. Build a bipartite multigraph whose every vertex
has degree exactly R: on one side the mentees (plus "filler" vertices that stand
for an empty seat), on the other the seats (each table has floor(S / m) fixed
seats and, if S / m is not whole, one "swing" seat that is taken in some rotations
only) plus "sit-out" vertices. A mentee's edges go to seats of distinct tables
(the meetings) and to sit-out vertices. By Koenig's theorem an R-regular bipartite
multigraph splits into R perfect matchings, and rustworkx's
`graph_bipartite_edge_color` (Alon's algorithm) finds them: each colour is one
rotation. A perfect matching fills every seat once, puts each mentee in one
place, and puts each filler on one swing seat, so every rotation has exactly the
balanced number of people at each table and the planned number of sit-outs.

Who meets whom is decided first, as a bipartite graph between mentees and tables
with given degrees (seats over the event per table, meetings per mentee):
preferred pairs first (round robin), then the rest in the Gale-Ryser greedy
order (the mentee who needs most tables takes the tables with most room), with a
swap to repair the rare dead end that preferences can cause.

Infeasible inputs raise `ScheduleError` with the reason as a code and values
(e.g. more meetings per mentee than there are mentors: "too_many_rotations",
with the numbers), and in English as its message; the site says it in the
reader's language from the code (program/reasons.py).

Complexity: n mentees, m mentors, R rotations: the meeting graph O(n m) numpy work
plus O(n R) Python work, the colouring O(E log E) with E = O((n + m) R) edges.
200 mentors, 2,000 mentees and 10 rotations take well under a second.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import rustworkx as rx

__all__ = [
    "SCHEDULE_ERRORS",
    "PersonSlot",
    "Rotation",
    "Schedule",
    "ScheduleError",
    "Table",
    "TableSlot",
    "Timing",
    "check_schedule",
    "person_timetable",
    "rotation_times",
    "schedule_rotations",
    "table_timetable",
]


class ScheduleError(ValueError):
    """The event cannot be scheduled as asked. `code` says why (a key of
    `SCHEDULE_ERRORS`), `values` holds the numbers that go with it, and the
    message says it in English."""

    def __init__(self, code: str, **values: int):
        self.code = code
        self.values = values
        super().__init__(SCHEDULE_ERRORS[code].format(**values))


SCHEDULE_ERRORS = {
    # "needed": most different mentors one mentee would meet; "mentors": how
    # many there are; "most": the most rotations without meeting one twice.
    "too_many_rotations": (
        "each mentee would need {needed} different mentors but there are only "
        "{mentors}: plan at most {most} rotations"
    ),
    "no_rotations": "plan at least one rotation",
    "no_room": "a table needs room for at least one mentee",
    "listed_twice": "someone is listed twice",
    "mentor_and_mentee": "someone is listed both as a mentor and as a mentee",
    "no_mentors": "there are no mentors to sit at the tables",
    "no_fit": "no schedule fits these numbers and preferences",
    "not_regular": "internal error: the rotation graph is not regular",
}


@dataclass(frozen=True, slots=True)
class Table:
    mentor: int
    mentees: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Rotation:
    number: int  # 1-based
    tables: tuple[Table, ...]  # in the order of the mentors given
    sitting_out: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Schedule:
    mentors: tuple[int, ...]
    mentees: tuple[int, ...]
    capacity: int
    rotations: tuple[Rotation, ...]
    preferences_asked: int  # preferred (mentee, mentor) pairs that exist
    preferences_met: int

    def meetings(self) -> list[tuple[int, int]]:
        """Every (mentor, mentee) meeting of the event."""
        return [
            (table.mentor, mentee)
            for rotation in self.rotations
            for table in rotation.tables
            for mentee in table.mentees
        ]


@dataclass(frozen=True, slots=True)
class Timing:
    """When rotations happen: `minutes` each, a changeover between them and an
    optional break after rotation number `break_after`."""

    start: datetime
    minutes: int
    changeover_minutes: int = 0
    break_after: int | None = None
    break_minutes: int = 0


@dataclass(frozen=True, slots=True)
class TableSlot:
    rotation: int
    start: datetime
    end: datetime
    mentees: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PersonSlot:
    rotation: int
    start: datetime
    end: datetime
    mentor: int | None  # None: sitting this rotation out


def schedule_rotations(
    mentors: Iterable[int],
    mentees: Iterable[int],
    rotations: int,
    capacity: int = 3,
    preferences: Mapping[int, Iterable[int]] | None = None,
    seed: int = 0,
) -> Schedule:
    """Plan the rotations of a speed-mentoring event. See the module docstring."""
    mentor_ids = sorted(mentors)
    mentee_ids = sorted(mentees)
    m, n, rounds = len(mentor_ids), len(mentee_ids), rotations
    _check(mentor_ids, mentee_ids, rounds, capacity)
    rng = random.Random(seed)

    seated = min(n, m * capacity)  # mentees at a table in every rotation
    per_table, swing = divmod(seated, m)  # `swing` tables get one more each time
    # Meetings per mentee and per table over the event, spread evenly; the seed
    # picks who gets the larger share.
    meetings = _spread(seated * rounds, n, rng)
    extra = _spread(swing * rounds, m, rng)  # rotations in which a swing seat is used
    room = [per_table * rounds + e for e in extra]
    if n and max(meetings) > m:
        raise ScheduleError(
            "too_many_rotations",
            needed=max(meetings),
            mentors=m,
            most=_max_rotations(n, m, capacity),
        )
    # No table meets a mentee twice either: with sit-outs (every seat taken) a
    # table's room capacity * R exceeds n only if the check above failed, and
    # without them R <= m keeps it at most n.

    wanted = _preferences(preferences or {}, mentor_ids, mentee_ids)
    tables_of, met = _who_meets_whom(meetings, room, wanted, rng)
    colour_of = _colour(tables_of, meetings, room, per_table, swing, extra, rounds)

    by_rotation: list[list[list[int]]] = [[[] for _ in range(m)] for _ in range(rounds)]
    seated_in: list[set[int]] = [set() for _ in range(rounds)]
    for (i, j), colour in colour_of.items():
        by_rotation[colour][j].append(mentee_ids[i])
        seated_in[colour].add(i)
    schedule = tuple(
        Rotation(
            number=r + 1,
            tables=tuple(
                Table(mentor_ids[j], tuple(sorted(by_rotation[r][j]))) for j in range(m)
            ),
            sitting_out=tuple(mentee_ids[i] for i in range(n) if i not in seated_in[r]),
        )
        for r in range(rounds)
    )
    return Schedule(
        mentors=tuple(mentor_ids),
        mentees=tuple(mentee_ids),
        capacity=capacity,
        rotations=schedule,
        preferences_asked=sum(len(w) for w in wanted),
        preferences_met=met,
    )


def _check(mentors: list[int], mentees: list[int], rotations: int, capacity: int):
    if rotations < 1:
        raise ScheduleError("no_rotations")
    if capacity < 1:
        raise ScheduleError("no_room")
    if len(set(mentors)) != len(mentors) or len(set(mentees)) != len(mentees):
        raise ScheduleError("listed_twice")
    if set(mentors) & set(mentees):
        raise ScheduleError("mentor_and_mentee")
    if not mentors:
        raise ScheduleError("no_mentors")


def _max_rotations(n: int, m: int, capacity: int) -> int:
    """The most rotations for which no one has to meet a mentor twice."""
    best = 0
    for rounds in range(1, n * m + 2):
        seated = min(n, m * capacity)
        per_table, swing = divmod(seated, m)
        most_meetings = -(-seated * rounds // n)
        most_room = per_table * rounds + -(-swing * rounds // m)
        if most_meetings > m or most_room > n:
            break
        best = rounds
    return best


def _spread(total: int, count: int, rng: random.Random) -> list[int]:
    """`total` split over `count` as evenly as possible; the seed picks who gets +1."""
    if count == 0:
        return []
    base, more = divmod(total, count)
    lucky = set(rng.sample(range(count), more))
    return [base + (k in lucky) for k in range(count)]


def _preferences(
    preferences: Mapping[int, Iterable[int]], mentors: list[int], mentees: list[int]
) -> list[list[int]]:
    """Preferred table indices per mentee index (unknown ids are ignored)."""
    table = {mentor: j for j, mentor in enumerate(mentors)}
    return [
        sorted({table[p] for p in preferences.get(mentee, ()) if p in table})
        for mentee in mentees
    ]


def _who_meets_whom(
    meetings: list[int],
    room: list[int],
    wanted: list[list[int]],
    rng: random.Random,
) -> tuple[list[set[int]], int]:
    """Tables per mentee: mentee i meets meetings[i] distinct tables, table j
    meets room[j] mentees. Preferred tables first; returns how many were met."""
    n, m = len(meetings), len(room)
    tables_of: list[set[int]] = [set() for _ in range(n)]
    left = np.array(room, dtype=np.int64)

    # Preferences, round robin: everyone's first choice before anyone's second.
    order = list(range(n))
    rng.shuffle(order)
    position = {i: k for k, i in enumerate(order)}
    choices = [rng.sample(w, len(w)) for w in wanted]
    for rank in range(max((len(c) for c in choices), default=0)):
        for i in order:
            if rank < len(choices[i]) and len(tables_of[i]) < meetings[i]:
                j = choices[i][rank]
                if left[j] > 0:
                    tables_of[i].add(j)
                    left[j] -= 1

    # The rest, Gale-Ryser greedy: who needs most takes the tables with most room.
    need = [meetings[i] - len(tables_of[i]) for i in range(n)]
    tie = np.array(rng.sample(range(m), m))
    for i in sorted(range(n), key=lambda i: (-need[i], position[i])):
        if need[i] == 0:
            continue
        free = left.copy()
        free[list(tables_of[i])] = -1
        best = np.lexsort((tie, -free))[: need[i]]
        best = [int(j) for j in best if free[j] > 0]
        for j in best:
            tables_of[i].add(j)
            left[j] -= 1
        while len(tables_of[i]) < meetings[i]:
            _swap_in(i, tables_of, left, wanted)
        tie = np.roll(tie, 1)  # vary the tie order so no table is always first
    met = sum(len(tables_of[i].intersection(wanted[i])) for i in range(n))
    return tables_of, met


def _swap_in(
    i: int, tables_of: list[set[int]], left: np.ndarray, wanted: list[list[int]]
) -> None:
    """Give mentee i one more table when every table with room is already theirs:
    someone k at a table t that i lacks moves to a table j with room, and i takes
    k's seat at t. Moves that cost k a preferred mentor are the last resort."""
    with_room = np.flatnonzero(left > 0).tolist()
    for keep_preferences in (True, False):
        for t in range(len(left)):
            if t in tables_of[i]:
                continue
            for k, mine in enumerate(tables_of):
                if t not in mine or (keep_preferences and t in wanted[k]):
                    continue
                for j in with_room:
                    if j not in mine:
                        mine.remove(t)
                        mine.add(j)
                        left[j] -= 1
                        tables_of[i].add(t)
                        return
    raise ScheduleError("no_fit")


def _colour(
    tables_of: list[set[int]],
    meetings: list[int],
    room: list[int],
    per_table: int,
    swing: int,
    extra: list[int],
    rounds: int,
) -> dict[tuple[int, int], int]:
    """Rotation (colour) of each meeting (mentee index, table index)."""
    n, m = len(meetings), len(room)
    graph = rx.PyGraph()
    # Vertices: mentees, fillers (one per empty swing seat in a rotation), seats
    # (per table: per_table fixed seats, then a swing seat if swing > 0), sit-outs.
    fillers = m - swing if swing else 0
    seats_per_table = per_table + (1 if swing else 0)
    sitouts = n - (per_table * m + swing)
    graph.add_nodes_from(range(n + fillers + m * seats_per_table + sitouts))
    seat0 = n + fillers
    sitout0 = seat0 + m * seats_per_table

    edges: list[tuple[int, int]] = []
    meeting_of: list[tuple[int, int]] = []
    filled = [0] * m  # mentee edges given to table j's seats so far
    for i in range(n):
        for j in sorted(tables_of[i]):
            # Fixed seats take `rounds` mentees each, the swing seat the rest.
            seat = min(filled[j] // rounds, seats_per_table - 1)
            filled[j] += 1
            edges.append((i, seat0 + j * seats_per_table + seat))
            meeting_of.append((i, j))
    spot = 0
    for i in range(n):
        for _ in range(rounds - meetings[i]):
            edges.append((i, sitout0 + spot // rounds))
            spot += 1
    if swing:
        slot = 0  # fillers take the swing seats in the rotations they are free
        for j in range(m):
            for _ in range(rounds - extra[j]):
                edges.append(
                    (n + slot // rounds, seat0 + j * seats_per_table + per_table)
                )
                slot += 1
    graph.add_edges_from_no_data(edges)
    colours = rx.graph_bipartite_edge_color(graph)
    if colours is None or max(colours.values(), default=0) >= rounds:
        raise ScheduleError("not_regular")
    return {meeting_of[e]: colours[e] for e in range(len(meeting_of))}


# --- Timetables ---------------------------------------------------------------------


def rotation_times(count: int, timing: Timing) -> list[tuple[datetime, datetime]]:
    """Start and end of each rotation."""
    times = []
    start = timing.start
    for number in range(1, count + 1):
        end = start + timedelta(minutes=timing.minutes)
        times.append((start, end))
        start = end + timedelta(minutes=timing.changeover_minutes)
        if timing.break_after == number:
            start += timedelta(minutes=timing.break_minutes)
    return times


def table_timetable(schedule: Schedule, timing: Timing) -> dict[int, list[TableSlot]]:
    """Per mentor: who sits at their table in each rotation, and when."""
    times = rotation_times(len(schedule.rotations), timing)
    out: dict[int, list[TableSlot]] = {mentor: [] for mentor in schedule.mentors}
    for rotation, (start, end) in zip(schedule.rotations, times, strict=True):
        for table in rotation.tables:
            out[table.mentor].append(
                TableSlot(rotation.number, start, end, table.mentees)
            )
    return out


def person_timetable(schedule: Schedule, timing: Timing) -> dict[int, list[PersonSlot]]:
    """Per mentee: whose table they sit at in each rotation (None: a break)."""
    times = rotation_times(len(schedule.rotations), timing)
    out: dict[int, list[PersonSlot]] = {mentee: [] for mentee in schedule.mentees}
    for rotation, (start, end) in zip(schedule.rotations, times, strict=True):
        at = {m: t.mentor for t in rotation.tables for m in t.mentees}
        for mentee in schedule.mentees:
            out[mentee].append(PersonSlot(rotation.number, start, end, at.get(mentee)))
    return out


def check_schedule(schedule: Schedule) -> list[str]:
    """Problems with a schedule in words (empty when every rule holds)."""
    problems = []
    seen: set[tuple[int, int]] = set()
    for mentor, mentee in schedule.meetings():
        if (mentor, mentee) in seen:
            problems.append(f"{mentee} meets {mentor} twice")
        seen.add((mentor, mentee))
    for rotation in schedule.rotations:
        fill = [len(t.mentees) for t in rotation.tables]
        if max(fill) > schedule.capacity:
            problems.append(f"rotation {rotation.number}: a table is over capacity")
        if max(fill) - min(fill) > 1:
            problems.append(f"rotation {rotation.number}: tables are uneven")
        placed = [m for t in rotation.tables for m in t.mentees]
        placed += rotation.sitting_out
        if sorted(placed) != sorted(schedule.mentees):
            problems.append(f"rotation {rotation.number}: someone is in two places")
    return problems
