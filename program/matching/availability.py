"""Times when two people can talk: each person's weekly availability, given
in their own time zone, as the hours a week two people share over a round's
actual dates.

An applicant gives the hours of a typical week when they are free, in their
own time zone, as local hours of the week: 0 is Monday 00:00-01:00, 167 is
Sunday 23:00-24:00 (the application form offers morning, afternoon and
evening blocks, PERIODS). Over the round's dates those local hours fall on
different UTC hours as daylight saving time starts or ends, on either side
and on different dates in each hemisphere. So:

- The round's dates are cut into weeks of 7 days, each starting at 00:00 UTC
  on the round's first day (the last, partial week counts as a week).
- For each person and week, each free local hour, on its actual date, is
  placed in UTC with zoneinfo, as four quarter-hour slots of the 672 slots
  of the week (quarter hours, so half-hour and 45-minute zones are exact).
  A person's week is a mask of 672 bits in 11 numpy uint64 words; when
  every zone in the pool is on whole (half) hours, a bit stands for an hour
  (half an hour) instead: 3 (6) words, and the same counts.
- Weeks in which every zone of the pool falls the same way are one *span*,
  counted with its number of weeks: a round of 13 weeks is 1 to 4 spans.
- Two people share Q = sum over spans of weeks x popcount(a & b)
  quarter-hours over the round: Q / (4 W) hours a week on average, W weeks.

Someone who gave no availability is unknown, not never free: they share no
hours with anyone (no points), and the organiser's minimum is not applied to
them (`known`).

Complexity: the masks O(zones x weeks x 216 zoneinfo calls + people x spans
x free hours); the overlap of every pair O(n^2 x spans x words) word
operations, in a compiled loop (`add_overlap_points`).
"""

from __future__ import annotations

import datetime
import functools
import math
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numba as nb
import numpy as np

from .model import SCALE

HOURS_PER_WEEK = 7 * 24
SLOTS_PER_HOUR = 4  # quarter hours
SLOTS = HOURS_PER_WEEK * SLOTS_PER_HOUR  # 672
SLOT = datetime.timedelta(minutes=15)
WEEK = datetime.timedelta(days=7)
UTC = datetime.UTC

# The blocks of the application form's grid, in local time: (code, first
# hour, hour after the last).
PERIODS = (("morning", 8, 12), ("afternoon", 13, 17), ("evening", 18, 22))
# Hours a week that count in full: a pair sharing more scores no more.
FULL_OVERLAP_HOURS = 6
# Without a round's dates (tests, benchmarks): one week, a Monday in winter.
DEFAULT_START = datetime.date(2024, 1, 1)


def hours_of_periods(codes: Iterable[str]) -> list[int]:
    """Local hours of the week of the grid's blocks ("0-morning": Monday
    morning, days 0-6 from Monday), sorted; unknown codes are ignored."""
    spans = {code: (start, end) for code, start, end in PERIODS}
    hours: set[int] = set()
    for code in codes:
        day, _dash, period = str(code).partition("-")
        if day.isdigit() and int(day) < 7 and period in spans:
            start, end = spans[period]
            hours.update(int(day) * 24 + h for h in range(start, end))
    return sorted(hours)


def periods_of_hours(hours: Iterable[int]) -> list[str]:
    """The grid's blocks wholly inside `hours` (the inverse of
    `hours_of_periods` for what the grid can say)."""
    free = set(hours)
    return [
        f"{day}-{code}"
        for day in range(7)
        for code, start, end in PERIODS
        if all(day * 24 + h in free for h in range(start, end))
    ]


def zone_of(name: str, offset_minutes: int = 0) -> datetime.tzinfo:
    """The IANA zone `name`, or a fixed offset from UTC if `name` is empty or
    unknown here."""
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return datetime.timezone(datetime.timedelta(minutes=offset_minutes))


def week_starts(
    first: datetime.date | None, last: datetime.date | None
) -> list[datetime.datetime]:
    """The starts (00:00 UTC) of the weeks from `first` to `last` inclusive
    (at least one week)."""
    first = first or DEFAULT_START
    days = (last - first).days + 1 if last and last >= first else 7
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=UTC)
    return [start + k * WEEK for k in range(max(1, -(-days // 7)))]


@functools.lru_cache(maxsize=4096)
def utc_slots(zone: datetime.tzinfo, week: datetime.datetime) -> np.ndarray:
    """For each local hour of the week (168), the UTC quarter-hour slot of
    the week starting at `week` at which it starts, on the dates of that
    week; -1 for a local hour that does not start in it (a week after the
    clocks go back has one hour more, after they go forward one less: the
    skipped hour reads as the hour after it, zoneinfo's fold=0)."""
    out = np.full(HOURS_PER_WEEK, -1, dtype=np.int32)
    first_day = week.date() - datetime.timedelta(days=1)
    for d in range(9):  # the dates a local week can touch, either side of UTC
        day = first_day + datetime.timedelta(days=d)
        for hour in range(24):
            local = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
            since = local.astimezone(UTC) - week
            if datetime.timedelta(0) <= since < WEEK:
                index = day.weekday() * 24 + hour
                if out[index] < 0:
                    out[index] = since // SLOT
    return out


@functools.lru_cache(maxsize=4096)
def _hour_bits(zone: datetime.tzinfo, week: datetime.datetime, unit: int) -> np.ndarray:
    """(168, words) uint64: the mask of each local hour of the week, one bit
    per `unit` quarter hours (around the end of the week to its start)."""
    slots = SLOTS // unit
    bits = np.zeros((HOURS_PER_WEEK, -(-slots // 64)), dtype=np.uint64)
    for hour, slot in enumerate(utc_slots(zone, week).tolist()):
        if slot < 0:
            continue
        for k in range(SLOTS_PER_HOUR // unit):
            s = (slot // unit + k) % slots
            bits[hour, s // 64] |= np.uint64(1) << np.uint64(s % 64)
    return bits


@dataclass(frozen=True)
class Masks:
    """Everyone's free time in UTC: `bits` (people, spans, words), a bit per
    `unit` quarter hours; `weeks` per span; `known` (people: gave any
    availability)."""

    bits: np.ndarray
    weeks: np.ndarray
    known: np.ndarray
    unit: int = 1

    @property
    def total_weeks(self) -> int:
        return int(self.weeks.sum())

    @property
    def weights(self) -> np.ndarray:
        """Quarter hours a shared bit of each span stands for, over the round."""
        return self.weeks * self.unit


def weekly_masks(
    zones: Sequence[datetime.tzinfo],
    hours: Sequence[Iterable[int]],
    first: datetime.date | None = None,
    last: datetime.date | None = None,
) -> Masks:
    """The masks of people with zone `zones[k]` and local free hours
    `hours[k]`, over the weeks from `first` to `last`."""
    weeks = week_starts(first, last)
    free = [np.array(sorted(set(h)), dtype=np.int64) for h in hours]
    known = np.array([f.size > 0 for f in free], dtype=bool)
    if not known.any():  # nobody gave any: no zone needs placing
        bits = np.zeros((len(zones), 1, 1), dtype=np.uint64)
        return Masks(bits, np.array([len(weeks)], dtype=np.int64), known)
    distinct = sorted(set(zones), key=str)
    # Weeks in which every zone falls the same way are one span.
    spans: dict[tuple[bytes, ...], list[datetime.datetime]] = {}
    for week in weeks:
        key = tuple(utc_slots(z, week).tobytes() for z in distinct)
        spans.setdefault(key, []).append(week)
    firsts = [group[0] for group in spans.values()]
    # The coarsest bit that is exact: an hour if every zone of someone who
    # gave times is on whole hours, else half an hour, else a quarter (the
    # fewer words, the faster every pair is compared).
    used = {z for z, f in zip(zones, free, strict=True) if f.size}
    starts = np.concatenate([utc_slots(z, w) for z in used for w in firsts])
    starts = starts[starts >= 0]
    unit = next(u for u in (4, 2, 1) if not (starts % u).any())
    words = -(-(SLOTS // unit) // 64)
    bits = np.zeros((len(zones), len(firsts), words), dtype=np.uint64)
    for s, week in enumerate(firsts):
        for k, (zone, local) in enumerate(zip(zones, free, strict=True)):
            if local.size:
                table = _hour_bits(zone, week, unit)
                bits[k, s] = np.bitwise_or.reduce(table[local], axis=0)
    return Masks(
        bits=bits,
        weeks=np.array([len(group) for group in spans.values()], dtype=np.int64),
        known=known,
        unit=unit,
    )


def shared_quarters(masks: Masks, i: int, j: int) -> int:
    """Quarter hours people i and j share over the whole round."""
    both = np.bitwise_count(masks.bits[i] & masks.bits[j]).sum(axis=1)
    return int((both.astype(np.int64) * masks.weights).sum())


def shared_quarter_matrix(masks: Masks, rows, cols) -> np.ndarray:
    """`shared_quarters` for rows x cols (indices), as int64."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    if not masks.known.any():
        return np.zeros((len(rows), len(cols)), dtype=np.int64)
    return _shared_block(masks.bits, masks.weights, rows, cols)


def hours_a_week(quarters: int, total_weeks: int) -> float:
    """Shared quarter hours over the round as hours a week (to the quarter)."""
    return round(quarters / total_weeks) / SLOTS_PER_HOUR


def minimum_quarters(min_hours: float, total_weeks: int) -> int:
    """The fewest shared quarter hours over the round that meet a minimum of
    `min_hours` a week."""
    if min_hours <= 0:
        return 0
    return math.ceil(min_hours * SLOTS_PER_HOUR * total_weeks - 1e-9)


def points_table(weight: float, total_weeks: int) -> np.ndarray:
    """Points for each number of shared quarter hours over the round:
    round(SCALE x weight x min(hours a week / FULL_OVERLAP_HOURS, 1))."""
    quarters = np.arange(SLOTS * total_weeks + 1)
    hours = quarters / (SLOTS_PER_HOUR * total_weeks)
    value = np.minimum(hours / FULL_OVERLAP_HOURS, 1.0)
    return np.array([round(SCALE * weight * v) for v in value], dtype=np.int32)


@nb.njit(cache=True, inline="always")
def _popcount(x):
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + (
        (x >> np.uint64(2)) & np.uint64(0x3333333333333333)
    )
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return int((x * np.uint64(0x0101010101010101)) >> np.uint64(56))


@nb.njit(cache=True)
def _shared_block(bits, weights, rows, cols):
    out = np.zeros((rows.shape[0], cols.shape[0]), dtype=np.int64)
    for a in range(rows.shape[0]):
        i = rows[a]
        for b in range(cols.shape[0]):
            j = cols[b]
            shared = 0
            for s in range(bits.shape[1]):
                count = 0
                for w in range(bits.shape[2]):
                    count += _popcount(bits[i, s, w] & bits[j, s, w])
                shared += count * weights[s]
            out[a, b] = shared
    return out


@nb.njit(cache=True)
def add_overlap_points(bits, weights, known, table, minimum, out):
    """Add to `out` (n x n points, -1 where forbidden) each allowed pair's
    shared quarter hours (bits in common x `weights` per span) as
    availability points (`table[shared quarters]`), and mark -1 the pairs of
    two people with known availability who share fewer than `minimum`
    quarter hours. Symmetric: each pair is read once; a span in which
    neither person's mask changed reuses the previous span's count (most
    zones change their clocks twice a year or never)."""
    n = bits.shape[0]
    spans = bits.shape[1]
    words = bits.shape[2]
    changed = np.ones((n, spans), dtype=np.bool_)
    for i in range(n):
        for s in range(1, spans):
            same = True
            for w in range(words):
                if bits[i, s, w] != bits[i, s - 1, w]:
                    same = False
            changed[i, s] = not same
    # In tiles, as kernels.pair_points: the mirror image is written while
    # its cache lines are still loaded.
    tile = 64
    for start_i in range(0, n, tile):
        for start_j in range(start_i, n, tile):
            for i in range(start_i, min(start_i + tile, n)):
                if not known[i]:
                    continue
                for j in range(max(start_j, i + 1), min(start_j + tile, n)):
                    if not known[j] or out[i, j] < 0:
                        continue
                    shared = 0
                    count = 0
                    for s in range(spans):
                        if changed[i, s] or changed[j, s]:
                            count = 0
                            for w in range(words):
                                count += _popcount(bits[i, s, w] & bits[j, s, w])
                        shared += count * weights[s]
                    if shared < minimum:
                        out[i, j] = -1
                        out[j, i] = -1
                    else:
                        value = out[i, j] + table[shared]
                        out[i, j] = value
                        out[j, i] = value


def suggest_times(
    people: Sequence[tuple[datetime.tzinfo, Iterable[int]]],
    after: datetime.datetime,
    count: int = 3,
    length: datetime.timedelta = datetime.timedelta(hours=1),
    days: int = 21,
) -> list[datetime.datetime]:
    """Up to `count` times (aware, UTC) for a call of `length` when everyone
    in `people` ((zone, local free hours)) is free, the first of each day
    (the first person's dates), starting on a quarter hour after `after`
    and within `days`."""
    start = after.astimezone(UTC).replace(second=0, microsecond=0)
    start += datetime.timedelta(minutes=-start.minute % 15)
    free = [(zone, set(hours)) for zone, hours in people]
    steps = int(length / SLOT)

    def is_free(moment: datetime.datetime) -> bool:
        for zone, hours in free:
            local = moment.astimezone(zone)
            if local.weekday() * 24 + local.hour not in hours:
                return False
        return True

    found: list[datetime.datetime] = []
    days_used: set[datetime.date] = set()
    moment = start
    while moment < start + datetime.timedelta(days=days) and len(found) < count:
        day = moment.astimezone(free[0][0]).date() if free else moment.date()
        if day not in days_used and all(
            is_free(moment + k * SLOT) for k in range(steps)
        ):
            found.append(moment)
            days_used.add(day)
        moment += SLOT
    return found
