"""Compatibility and points: the pool of one solve as numpy arrays.

Every criterion is looked up in a table of `round(SCALE * weight * value)`, so
the solver's weights and a pair's explanation agree to the point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import availability
from .kernels import pair_points
from .model import MINUTES_PER_DAY, SCALE, Applicant, Link, MatchSettings, Weights
from .rules import country_of, languages_of, norm, role_of, stage_index


def score_link(a: Applicant, b: Applicant, settings: MatchSettings) -> Link:
    """The score breakdown of two people, whether or not the rules allow them."""
    pool = Pool([a, b] if a.id <= b.id else [b, a], settings)
    i, j = (0, 1) if a.id <= b.id else (1, 0)
    return pool.link(i, j)


class Pool:
    """People of one solve (sorted by id) as numpy arrays, and their scores."""

    def __init__(self, people: list[Applicant], settings: MatchSettings) -> None:
        self.people = people
        self.settings = settings
        self.n = len(people)
        self.mentor_mode = settings.mode == "mentor_mentee"
        self.ids = np.array([p.id for p in people], dtype=np.int64)
        self.index = {p.id: k for k, p in enumerate(people)}

        self.lang_sets = [languages_of(p) for p in people]
        self.interest_sets = [frozenset(norm(x) for x in p.interests) for p in people]
        # Sets as bitsets: overlaps are popcounts (no BLAS threads, which spin
        # and slow everything else down on a small, busy machine).
        self.languages = bitsets(self.lang_sets)
        self.interests = bitsets(self.interest_sets)
        vocabulary = len(set().union(*self.interest_sets)) if people else 0
        self.interest_count = np.array(
            [len(x) for x in self.interest_sets], dtype=np.int32
        )

        self.country_names = [country_of(p) for p in people]
        self.country = codes(self.country_names)
        sectors = [norm(p.sector) for p in people]
        self.sector_names = sectors
        self.sector = np.where([bool(s) for s in sectors], codes(sectors), -1).astype(
            np.int32
        )
        self.stage = [
            stage_index(p.career_stage, settings.career_stages) for p in people
        ]
        self.offset = np.array(
            [p.utc_offset_minutes % MINUTES_PER_DAY for p in people], dtype=np.int32
        )
        self.is_mentor = np.array([role_of(p) == "mentor" for p in people], dtype=bool)
        # Free hours in UTC over the round's weeks (availability.py).
        self.free = availability.weekly_masks(
            [availability.zone_of(p.time_zone, p.utc_offset_minutes) for p in people],
            [p.availability for p in people],
            settings.first_day,
            settings.last_day,
        )
        self.min_shared = availability.minimum_quarters(
            settings.min_shared_hours, self.free.total_weeks
        )
        self.tables = PointTables.build(
            settings.weights, vocabulary, self.free.total_weeks
        )
        self._stage_tables()

        # Pairs barred by previous partnership or by the organiser, as index pairs.
        by_key = {norm(p.email_key): k for k, p in enumerate(people)}
        self.previous: set[tuple[int, int]] = set()
        for i, p in enumerate(people):
            for other in p.previous_partners:
                j = None
                if isinstance(other, str):
                    j = by_key.get(norm(other))
                elif isinstance(other, int) and not isinstance(other, bool):
                    j = self.index.get(other)
                if j is not None and j != i:
                    self.previous.add((min(i, j), max(i, j)))
        self.excluded: set[tuple[int, int]] = set()
        for pair in settings.excluded:
            found = [self.index[x] for x in pair if x in self.index]
            if len(found) == 2 and found[0] != found[1]:
                self.excluded.add((min(found), max(found)))
        self.previous_of: dict[int, set[int]] = {}
        self.excluded_of: dict[int, set[int]] = {}
        for links, of in (
            (self.previous, self.previous_of),
            (self.excluded, self.excluded_of),
        ):
            for i, j in links:
                of.setdefault(i, set()).add(j)
                of.setdefault(j, set()).add(i)

    def _stage_tables(self) -> None:
        """Career stage points for every pair of stage values in the pool.

        Stages are coded 0..V-1 (V known values) and V for unknown; the table
        is read with the mentor's code first (in peer mode it is symmetric).
        """
        known = sorted({s for s in self.stage if s >= 0})
        code = {value: k for k, value in enumerate(known)}
        width = len(known) + 1
        table = np.zeros((width, width), dtype=np.int32)
        for a, x in enumerate(known):
            for b, y in enumerate(known):
                gap = abs(x - y) if not self.mentor_mode else x - y
                table[a, b] = self.tables.career_stage[min(max(gap, 0), 2)]
        self.stage_code = np.array(
            [code.get(s, len(known)) for s in self.stage], dtype=np.int32
        )
        self.stage_width = width
        self.stage_points = table.ravel()
        self.stage_points_t = np.ascontiguousarray(table.T).ravel()

    # Compatibility -------------------------------------------------------------

    def base_rules(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Rule masks for rows x everyone, before previous partners and exclusions."""
        cols = np.arange(self.n)
        other = rows[:, None] != cols[None, :]
        if self.mentor_mode:
            other &= self.is_mentor[rows, None] != self.is_mentor[None, :]
        language = overlap(self.languages, rows, np.arange(self.n)) > 0
        country = self.country[rows, None] != self.country[None, :]
        if self.settings.allow_same_country:
            country = np.ones_like(country)
        time = np.ones_like(other)
        if self.min_shared:
            shared = availability.shared_quarter_matrix(self.free, rows, cols)
            known = self.free.known[rows, None] & self.free.known[None, :]
            time = ~known | (shared >= self.min_shared)
        return {
            "other": other,
            "language": language,
            "country": country,
            "availability": time,
        }

    def point_matrix(self) -> np.ndarray:
        """The points of every pair (n x n, symmetric), -1 where a rule forbids
        the pair: the same tables as `parts` and `link`, in one compiled pass."""
        t = self.tables
        top = (
            int(t.interests.max(initial=0))
            + t.sector
            + int(t.career_stage.max())
            + int(t.timezone.max())
            + int(t.availability.max())
        )
        out = np.empty((self.n, self.n), dtype=np.int16 if top < 2**15 else np.int32)
        pair_points(
            self.languages,
            self.country,
            self.is_mentor,
            self.mentor_mode,
            self.settings.allow_same_country,
            self.interests,
            self.interest_count,
            t.interests,
            t.interest_width,
            self.sector,
            t.sector,
            self.stage_code,
            self.stage_points,
            self.stage_width,
            self.offset,
            t.timezone_diff,
            out,
        )
        # Shared free hours: their points, and the organiser's minimum.
        availability.add_overlap_points(
            self.free.bits,
            self.free.weights,
            self.free.known,
            t.availability,
            self.min_shared,
            out,
        )
        for i, j in self.previous | self.excluded:
            out[i, j] = out[j, i] = -1
        return out

    def compatibility(self) -> np.ndarray:
        """The full compatibility matrix (n x n booleans)."""
        return self.point_matrix() >= 0

    def barred_with(self, i: int) -> set[int]:
        """People i may not be grouped with: previous partners, organiser's noes."""
        return self.previous_of.get(i, set()) | self.excluded_of.get(i, set())

    # Points --------------------------------------------------------------------

    def parts(self, rows: np.ndarray, cols: np.ndarray) -> list[np.ndarray]:
        """Points per criterion, one len(rows) x len(cols) array each.

        Every value is looked up in a table of `round(SCALE * weight * value)`
        (the same tables as `link`), so the solver's weights and a pair's
        explanation agree to the point.
        """
        t = self.tables
        shared = overlap(self.interests, rows, cols)
        smaller = np.minimum(
            self.interest_count[rows, None], self.interest_count[None, cols]
        )
        shared *= t.interest_width
        shared += smaller
        interest = t.interests.take(shared)

        # Unknown sectors are -2 on the row side and -1 on the column side, so
        # they never count as the same sector.
        row_sector = np.where(self.sector[rows] >= 0, self.sector[rows], -2)
        sector = (row_sector[:, None] == self.sector[None, cols]) * np.int32(t.sector)

        index = self.stage_code[rows, None] * self.stage_width
        index = index + self.stage_code[None, cols]
        stage = self.stage_points.take(index)
        if self.mentor_mode:  # the table is for a mentor row; a mentee row reads it
            mentee_rows = ~self.is_mentor[rows]  # the other way round
            stage[mentee_rows] = self.stage_points_t.take(index[mentee_rows])

        # Offsets are in [0, 1440), so the difference indexes a 2-day table.
        apart = self.offset[rows, None] - self.offset[None, cols]
        apart += MINUTES_PER_DAY
        timezone = t.timezone_diff.take(apart)

        shared = availability.shared_quarter_matrix(self.free, rows, cols)
        known = self.free.known[rows, None] & self.free.known[None, cols]
        free_time = np.where(known, t.availability.take(shared), 0).astype(np.int32)
        return [interest, sector, stage, timezone, free_time]

    def points(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        total, *others = self.parts(rows, cols)
        for part in others:
            total += part
        return total

    def link(self, i: int, j: int) -> Link:
        """The facts and points of people i and j (indices), by table lookups."""
        a, b, t = self.people[i], self.people[j], self.tables
        shared = tuple(sorted(self.interest_sets[i] & self.interest_sets[j]))
        smaller = min(len(self.interest_sets[i]), len(self.interest_sets[j]))
        gap = None
        stage_points = 0
        si, sj = self.stage[i], self.stage[j]
        if si >= 0 and sj >= 0:
            gap = si - sj
            if self.mentor_mode and not self.is_mentor[i]:
                gap = -gap
            elif not self.mentor_mode:
                gap = abs(gap)
            stage_points = int(t.career_stage[min(max(gap, 0), 2)])
        same_sector = None
        if self.sector[i] >= 0 and self.sector[i] == self.sector[j]:
            same_sector = self.sector_names[i]
        apart = (a.utc_offset_minutes - b.utc_offset_minutes) % MINUTES_PER_DAY
        shared_hours, free_points = None, 0
        if self.free.known[i] and self.free.known[j]:
            quarters = availability.shared_quarters(self.free, i, j)
            weeks = self.free.total_weeks
            shared_hours = availability.hours_a_week(quarters, weeks)
            free_points = int(t.availability[quarters])
        return Link(
            a=a.id,
            b=b.id,
            shared_languages=tuple(sorted(self.lang_sets[i] & self.lang_sets[j])),
            shared_interests=shared,
            same_sector=same_sector,
            career_stage_gap=gap,
            minutes_apart=min(apart, MINUTES_PER_DAY - apart),
            interest_points=int(t.interests[len(shared) * t.interest_width + smaller]),
            sector_points=t.sector if same_sector else 0,
            career_stage_points=stage_points,
            timezone_points=int(t.timezone[apart]),
            shared_hours=shared_hours,
            availability_points=free_points,
        )


def bitsets(sets: list[frozenset[str]]) -> np.ndarray:
    """Each set as a row of 64-bit words over the sorted vocabulary."""
    vocabulary = sorted(set().union(*sets)) if sets else []
    bit = {name: k for k, name in enumerate(vocabulary)}
    words = max(1, -(-len(vocabulary) // 64))
    out = np.zeros((len(sets), words), dtype=np.uint64)
    for row, names in enumerate(sets):
        value = sum(1 << bit[name] for name in names)
        for w in range(words):
            out[row, w] = (value >> (64 * w)) & 0xFFFFFFFFFFFFFFFF
    return out


def overlap(bits: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sizes of the intersections of every row set with every column set."""
    total = np.zeros((len(rows), len(cols)), dtype=np.int32)
    for w in range(bits.shape[1]):
        total += np.bitwise_count(bits[rows, w][:, None] & bits[cols, w][None, :])
    return total


def codes(values: list[str]) -> np.ndarray:
    column = {name: k for k, name in enumerate(sorted(set(values)))}
    return np.array([column[v] for v in values], dtype=np.int64)


@dataclass(frozen=True)
class PointTables:
    """Points for every possible value of each criterion."""

    interests: np.ndarray  # flat: [shared * interest_width + smaller]
    interest_width: int
    sector: int
    career_stage: np.ndarray  # [stages apart, 0..2]
    timezone: np.ndarray  # [(offset a - offset b) mod 1440 minutes]
    timezone_diff: np.ndarray  # [offset a - offset b + 1440], offsets in [0, 1440)
    availability: np.ndarray  # [free quarter hours shared over the round]

    @classmethod
    def build(cls, weights: Weights, interests: int, weeks: int = 1) -> PointTables:
        def points(weight: float, value: float) -> int:
            return round(SCALE * weight * value)

        width = interests + 1
        interest = np.zeros(width * width, dtype=np.int32)
        for shared in range(width):
            for smaller in range(1, width):
                value = points(weights.interests, shared / smaller)
                interest[shared * width + smaller] = value
        half_day = MINUTES_PER_DAY // 2
        timezone = [
            points(weights.timezone, 1 - min(m, MINUTES_PER_DAY - m) / half_day)
            for m in range(MINUTES_PER_DAY)
        ]
        return cls(
            interests=interest,
            interest_width=width,
            sector=points(weights.sector, 1.0),
            career_stage=np.array(
                [points(weights.career_stage_complement, g / 2) for g in range(3)],
                dtype=np.int32,
            ),
            timezone=np.array(timezone, dtype=np.int32),
            timezone_diff=np.array(timezone + timezone, dtype=np.int32),
            availability=availability.points_table(weights.availability, weeks),
        )
