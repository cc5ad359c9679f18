"""Partner matching for a mentoring round: plain data in, pairs out.

No database here: the models load `Applicant` rows, call `match_applicants()` and
store the `MatchResult`. Everything below is deterministic.

Rules (hard: never broken by a proposed pair or trio)
-----------------------------------------------------
1. Never a person with themselves. Applications are people by `email_key`; two
   applications with the same key are one person: the lowest application id is
   kept and the others are reported as `DUPLICATE_APPLICATION`.
2. Never two people who were partners before (`previous_partners` holds email keys,
   which survive from round to round, or application ids of this round; the
   relation is symmetric: either side saying so is enough).
3. Different countries, unless `allow_same_country`.
4. At least one shared language.
5. In mentor/mentee mode only mentor-mentee pairs.
6. Never a pair the organiser unpaired (`excluded`).
7. Optional country cap, `max_country_share = s`: with M people matched in the
   round (locked groups included), no country has more than floor(s * M) of them.
   It is a cap on the share of the *matched* people, so a country that
   dominates the applications cannot dominate the round.

Locked groups (pairs or trios fixed by the organiser) are kept as they are and
their people leave the pool; if a locked group breaks a rule other than rule 1 it
is kept with a warning (the organiser decided), if it breaks rule 1 the input is
refused with `MatchInputError`.

Objective
---------
`max_people` (default): as many people matched as possible, then the highest total
score among those matchings. `max_score`: the highest total score. The score of a
pair is a sum of integer points, one part per criterion, each `round(100 * weight *
value)` with value in [0, 1]:

- interests: shared interests / the smaller interest list;
- sector: 1 if both work in the same library sector;
- career stage complement: how many stages apart, counted up to 2 (in
  mentor/mentee mode only when the mentor is the more senior), divided by 2;
- time zone: 1 - hours apart / 12 (around the clock, so 12 h apart gives 0).

The solver's weights are these points alone, so every answer is optimal for them;
the seed shuffles the order in which the solver meets people, and that order only
decides between equally good answers. Applicants are sorted by id first, so the
order of the input does not matter.

How it is solved, and what is guaranteed
----------------------------------------
Edmonds' maximum weight matching (rustworkx, the blossom algorithm in Rust).
On the full compatibility graph it is exact but slow (18 to 35 s at 2,000 people
where half of all pairs are compatible, on a 2-core machine), so:

- Up to `exact_up_to` people (default 400) the full graph is used: exact.
- Above that, a candidate graph keeps each person's `candidates_per_person` (K,
  default 24) best-scoring compatible people, plus, through the blossom search
  below, whatever edges are needed for the cardinality. A person with K or fewer
  compatible people (a rare language) keeps all of them.
- Cardinality guarantee (objective `max_people`): after solving on the candidate
  graph, a blossom search over the *full* compatibility graph, rooted at every
  unmatched person at once, looks for an augmenting path. By Berge's theorem the
  matching is maximum exactly when there is none. If one is found the matching
  is augmented to a maximum one, the edges it needed are added to the candidate
  graph and the candidate graph is solved again, which can only be larger. The
  number of people matched is therefore always the exact maximum under the rules
  (`stats.max_people_certified`).
- Score: exact up to `exact_up_to` people, otherwise the optimum of the candidate
  graph. The benchmark (bench/bench_matching.py, results in
  bench/results_matching.md) measures it against the exact optimum of the full
  graph: above 99.99 % with the defaults. There is no proof of a ratio; the
  certificate is only for the number matched. With `max_score` there is no
  certificate either: the objective does not ask for the most people.
- Country cap: each capped country c gets d_c "blocker" vertices joined to all its
  people, each edge heavier than any real pair, so every optimum leaves exactly
  d_c of them out and optimises the rest. The budgets come from a guessed total
  M: it starts at an upper bound (every country places at most its people who
  have a compatible partner, and at most its cap) and is lowered to the size of
  the result until the result fits its own cap. With `max_people` the result can
  only shrink as M does, so the descent stops at the largest total that fits and
  the number matched is the maximum under the cap too. A binding cap costs one to
  three solves on a graph with the blocker edges (seconds at 2,000 people).

Odd ones out: with `odd_one_out="trio"` the people left over (who have compatible
people, all taken) join proposed pairs, at most one per pair, chosen by a maximum
cardinality, maximum score assignment over each side's K best options; in peer mode
the third person must be compatible with both, in mentor/mentee mode with the
member of the other role (and never the same person, a previous partner or an
excluded pair with the other). Everyone left unmatched carries a reason.

Complexity
----------
n people in the pool, K candidates, m = O(n K) candidate edges: compatibility and
points O(n^2) numpy work in row blocks (languages and interests are bitsets, so
overlaps are popcounts; memory O(n^2) booleans); candidate selection O(n^2);
Edmonds on the candidate graph O(n m log n) in practice (O(n^3) worst case); each
blossom search O(n^2) numpy work plus O(n^2) Python work in the worst case.
Measured (bench/results_matching.md, 2 shared cores): 2,000 people in 0.7 to
1.2 s, 5,000 in 5 to 10 s, nearly all of it in rustworkx.
"""

from __future__ import annotations

import enum
import math
import random
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import rustworkx as rx

__all__ = [
    "Applicant",
    "Link",
    "MatchInputError",
    "MatchResult",
    "MatchSettings",
    "MatchStats",
    "Pair",
    "Reason",
    "Unmatched",
    "Weights",
    "match_applicants",
    "rule_breaks",
    "score_link",
]

SCALE = 100  # points for a criterion at full value with weight 1
MINUTES_PER_DAY = 24 * 60
BLOCK_ROWS = 512  # rows per numpy block when building the graph

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "bn": "Bengali",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ms": "Malay",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "sw": "Swahili",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


class MatchInputError(ValueError):
    """The input cannot be matched as given (bad settings, impossible locks)."""


class Reason(enum.StrEnum):
    """Why an application is not in any pair; `Unmatched.detail` says it in words."""

    DUPLICATE_APPLICATION = "duplicate_application"
    NO_ROLE = "no_role"
    NO_ONE_ELSE = "no_one_else"
    NO_SHARED_LANGUAGE = "no_shared_language"
    ONLY_SAME_COUNTRY = "only_same_country"
    ONLY_PREVIOUS_PARTNERS = "only_previous_partners"
    ONLY_EXCLUDED = "only_excluded"
    COUNTRY_CAP = "country_cap"
    ODD_ONE_OUT = "odd_one_out"


# --- Input -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applicant:
    """One application. `email_key` is the normalised identity of the person."""

    id: int
    email_key: str
    country: str
    languages: frozenset[str]
    sector: str = ""
    role: str = ""  # "mentor" or "mentee" in mentor/mentee mode
    career_stage: int | str | None = None  # an ordinal, or a name in career_stages
    interests: frozenset[str] = frozenset()
    utc_offset_minutes: int = 0
    previous_partners: frozenset[str | int] = frozenset()


@dataclass(frozen=True, slots=True)
class Weights:
    """Weight of each score criterion (editable per round; 0 switches one off)."""

    interests: float = 4.0
    sector: float = 1.0
    career_stage_complement: float = 1.0
    timezone: float = 2.0


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """How a round is matched. `locked` groups are application ids (2 or 3)."""

    mode: Literal["peer", "mentor_mentee"] = "peer"
    allow_same_country: bool = False
    max_country_share: float | None = None
    objective: Literal["max_people", "max_score"] = "max_people"
    weights: Weights = field(default_factory=Weights)
    odd_one_out: Literal["trio", "wait"] = "trio"
    seed: int = 0
    locked: tuple[tuple[int, ...], ...] = ()
    excluded: tuple[tuple[int, int], ...] = ()
    career_stages: tuple[str, ...] = ("student", "early", "mid", "senior")
    candidates_per_person: int = 24
    exact_up_to: int = 400

    def validate(self) -> None:
        if self.mode not in ("peer", "mentor_mentee"):
            raise MatchInputError(f"unknown mode {self.mode!r}")
        if self.objective not in ("max_people", "max_score"):
            raise MatchInputError(f"unknown objective {self.objective!r}")
        if self.odd_one_out not in ("trio", "wait"):
            raise MatchInputError(f"unknown odd_one_out {self.odd_one_out!r}")
        share = self.max_country_share
        if share is not None and not 0 < share <= 1:
            raise MatchInputError("max_country_share must be in (0, 1]")
        w = self.weights
        parts = (w.interests, w.sector, w.career_stage_complement, w.timezone)
        if any(not math.isfinite(x) or x < 0 for x in parts):
            raise MatchInputError("weights must be finite and not negative")
        if self.candidates_per_person < 1:
            raise MatchInputError("candidates_per_person must be at least 1")


# --- Output ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """Why two people fit: the facts and the points, one part per criterion."""

    a: int
    b: int
    shared_languages: tuple[str, ...]
    shared_interests: tuple[str, ...]
    same_sector: str | None
    career_stage_gap: int | None  # mentor minus mentee, or absolute in peer mode
    minutes_apart: int
    interest_points: int
    sector_points: int
    career_stage_points: int
    timezone_points: int

    @property
    def score(self) -> int:
        return (
            self.interest_points
            + self.sector_points
            + self.career_stage_points
            + self.timezone_points
        )

    def explain(self) -> str:
        """Plain English, e.g. "shared: Spanish; interests: outreach; 2 h apart"."""
        names = [LANGUAGE_NAMES.get(code, code) for code in self.shared_languages]
        parts = ["shared: " + ", ".join(names)]
        if self.shared_interests:
            parts.append("interests: " + ", ".join(self.shared_interests))
        if self.same_sector:
            parts.append(f"same sector: {self.same_sector}")
        if self.career_stage_gap:
            steps = abs(self.career_stage_gap)
            parts.append(f"career stages {steps} apart")
        hours = self.minutes_apart / 60
        parts.append("same time zone" if not hours else f"{hours:g} h apart")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Pair:
    """A proposed (or locked) pair or trio and why it was made."""

    members: tuple[int, ...]  # application ids, ascending
    links: tuple[Link, ...]
    mentors: tuple[int, ...] = ()  # in mentor/mentee mode, which members mentor
    locked: bool = False
    warnings: tuple[str, ...] = ()  # rules a locked group breaks

    @property
    def score(self) -> int:
        return sum(link.score for link in self.links)

    @property
    def is_trio(self) -> bool:
        return len(self.members) == 3

    def explain(self) -> str:
        if len(self.links) == 1:
            return self.links[0].explain()
        return " | ".join(f"{x.a}-{x.b}: {x.explain()}" for x in self.links)


@dataclass(frozen=True, slots=True)
class Unmatched:
    applicant_id: int
    reason: Reason
    detail: str
    related_ids: tuple[int, ...] = ()  # e.g. the application kept for a duplicate


@dataclass(frozen=True, slots=True)
class MatchStats:
    applications: int
    people: int  # after duplicates are merged
    pool: int  # people the solver matched (not locked, with a usable role)
    matched_people: int  # locked groups included
    pairs: int
    trios: int
    locked_groups: int
    total_score: int
    countries_matched: int
    compatible_links: int  # edges of the full compatibility graph of the pool
    candidate_links: int  # edges the solver saw
    exact_graph: bool  # the full graph was solved (score is exactly optimal)
    max_people_certified: bool  # cardinality proven maximum (objective max_people)
    cap_iterations: int


@dataclass(frozen=True, slots=True)
class MatchResult:
    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    stats: MatchStats

    @property
    def total_score(self) -> int:
        return sum(pair.score for pair in self.pairs)

    def partners_of(self, applicant_id: int) -> tuple[int, ...]:
        for pair in self.pairs:
            if applicant_id in pair.members:
                return tuple(m for m in pair.members if m != applicant_id)
        return ()


# --- Public helpers -----------------------------------------------------------------


def score_link(a: Applicant, b: Applicant, settings: MatchSettings) -> Link:
    """The score breakdown of two people, whether or not the rules allow them."""
    pool = _Pool([a, b] if a.id <= b.id else [b, a], settings)
    i, j = (0, 1) if a.id <= b.id else (1, 0)
    return pool.link(i, j)


def rule_breaks(
    members: Sequence[Applicant], settings: MatchSettings
) -> tuple[str, ...]:
    """The hard rules a group (for example an organiser's swap) breaks, in words."""
    breaks: list[str] = []
    mentor_mode = settings.mode == "mentor_mentee"
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            if mentor_mode and _role(a) == _role(b):
                continue  # two mentees of one mentor are not partners of each other
            who = f"{a.id} and {b.id}"
            if _norm(a.email_key) == _norm(b.email_key):
                breaks.append(f"{who} are the same person")
            if _were_partners(a, b):
                breaks.append(f"{who} were partners before")
            if not settings.allow_same_country and _country(a) == _country(b):
                breaks.append(f"{who} are from the same country")
            if not _langs(a) & _langs(b):
                breaks.append(f"{who} share no language")
            if {a.id, b.id} in [set(pair) for pair in settings.excluded]:
                breaks.append(f"{who} were unpaired by the organiser")
    if mentor_mode and {_role(m) for m in members} != {"mentor", "mentee"}:
        breaks.append("a group needs a mentor and a mentee")
    return tuple(breaks)


# --- Normalisation ---------------------------------------------------------------


def _norm(text: str) -> str:
    return text.strip().casefold()


def _country(a: Applicant) -> str:
    return a.country.strip().upper()


def _langs(a: Applicant) -> frozenset[str]:
    return frozenset(_norm(x) for x in a.languages if x.strip())


def _role(a: Applicant) -> str:
    return _norm(a.role)


def _were_partners(a: Applicant, b: Applicant) -> bool:
    def names(x: Applicant, y: Applicant) -> bool:
        return any(
            (isinstance(p, str) and _norm(p) == _norm(y.email_key))
            or (isinstance(p, int) and p == y.id)
            for p in x.previous_partners
        )

    return names(a, b) or names(b, a)


def _stage(value: int | str | None, stages: tuple[str, ...]) -> int:
    """Career stage as an ordinal, -1 when unknown."""
    if isinstance(value, bool) or value is None:
        return -1
    if isinstance(value, int):
        return value if value >= 0 else -1
    order = {_norm(name): k for k, name in enumerate(stages)}
    return order.get(_norm(value), -1)


# --- The pool as arrays -------------------------------------------------------------


class _Pool:
    """People of one solve (sorted by id) as numpy arrays, and their scores."""

    def __init__(self, people: list[Applicant], settings: MatchSettings) -> None:
        self.people = people
        self.settings = settings
        self.n = len(people)
        self.mentor_mode = settings.mode == "mentor_mentee"
        self.ids = np.array([p.id for p in people], dtype=np.int64)
        self.index = {p.id: k for k, p in enumerate(people)}

        self.lang_sets = [_langs(p) for p in people]
        self.interest_sets = [frozenset(_norm(x) for x in p.interests) for p in people]
        # Sets as bitsets: overlaps are popcounts (no BLAS threads, which spin
        # and slow everything else down on a small, busy machine).
        self.languages = _bitsets(self.lang_sets)
        self.interests = _bitsets(self.interest_sets)
        vocabulary = len(set().union(*self.interest_sets)) if people else 0
        self.interest_count = np.array(
            [len(x) for x in self.interest_sets], dtype=np.int32
        )

        self.country_names = [_country(p) for p in people]
        self.country = _codes(self.country_names)
        sectors = [_norm(p.sector) for p in people]
        self.sector_names = sectors
        self.sector = np.where([bool(s) for s in sectors], _codes(sectors), -1).astype(
            np.int32
        )
        self.stage = [_stage(p.career_stage, settings.career_stages) for p in people]
        self.offset = np.array(
            [p.utc_offset_minutes % MINUTES_PER_DAY for p in people], dtype=np.int32
        )
        self.is_mentor = np.array([_role(p) == "mentor" for p in people], dtype=bool)
        self.tables = _Tables.build(settings.weights, vocabulary)
        self._stage_tables()

        # Pairs barred by previous partnership or by the organiser, as index pairs.
        by_key = {_norm(p.email_key): k for k, p in enumerate(people)}
        self.previous: set[tuple[int, int]] = set()
        for i, p in enumerate(people):
            for other in p.previous_partners:
                j = None
                if isinstance(other, str):
                    j = by_key.get(_norm(other))
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
        language = _overlap(self.languages, rows, np.arange(self.n)) > 0
        country = self.country[rows, None] != self.country[None, :]
        if self.settings.allow_same_country:
            country = np.ones_like(country)
        return {"other": other, "language": language, "country": country}

    def compatibility(self) -> np.ndarray:
        """The full compatibility matrix (n x n booleans)."""
        compat = np.zeros((self.n, self.n), dtype=bool)
        for start in range(0, self.n, BLOCK_ROWS):
            rows = np.arange(start, min(start + BLOCK_ROWS, self.n))
            rules = self.base_rules(rows)
            compat[rows] = rules["other"] & rules["language"] & rules["country"]
        for i, j in self.previous | self.excluded:
            compat[i, j] = compat[j, i] = False
        return compat

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
        shared = _overlap(self.interests, rows, cols)
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
        return [interest, sector, stage, timezone]

    def points(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        total, sector, stage, timezone = self.parts(rows, cols)
        total += sector
        total += stage
        total += timezone
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
        )


def _bitsets(sets: list[frozenset[str]]) -> np.ndarray:
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


def _overlap(bits: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sizes of the intersections of every row set with every column set."""
    total = np.zeros((len(rows), len(cols)), dtype=np.int32)
    for w in range(bits.shape[1]):
        total += np.bitwise_count(bits[rows, w][:, None] & bits[cols, w][None, :])
    return total


def _codes(values: list[str]) -> np.ndarray:
    column = {name: k for k, name in enumerate(sorted(set(values)))}
    return np.array([column[v] for v in values], dtype=np.int64)


@dataclass(frozen=True)
class _Tables:
    """Points for every possible value of each criterion."""

    interests: np.ndarray  # flat: [shared * interest_width + smaller]
    interest_width: int
    sector: int
    career_stage: np.ndarray  # [stages apart, 0..2]
    timezone: np.ndarray  # [(offset a - offset b) mod 1440 minutes]
    timezone_diff: np.ndarray  # [offset a - offset b + 1440], offsets in [0, 1440)

    @classmethod
    def build(cls, weights: Weights, interests: int) -> _Tables:
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
        )


# --- The candidate graph and the solver --------------------------------------------


class _Graph:
    """The pool's compatibility graph and the candidate edges with their points."""

    def __init__(self, pool: _Pool, exact: bool) -> None:
        self.pool = pool
        n = pool.n
        self.compat = pool.compatibility()
        k = n if exact else pool.settings.candidates_per_person
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for start in range(0, n, BLOCK_ROWS):
            rows = np.arange(start, min(start + BLOCK_ROWS, n))
            points = pool.points(rows, np.arange(n))
            keep = self.compat[rows].copy()
            if k < n - 1:
                # Each row's k best compatible people; an edge stays when either
                # end chose it, so nobody with k or fewer candidates loses one.
                masked = np.where(keep, points, -1)
                best = np.argpartition(-masked, k - 1, axis=1)[:, :k]
                chosen = np.zeros_like(keep)
                np.put_along_axis(chosen, best, True, axis=1)
                keep &= chosen
            r, c = np.nonzero(keep)
            i = rows[r]
            found.append((np.minimum(i, c), np.maximum(i, c), points[r, c]))
        self.weights: dict[tuple[int, int], int] = {}
        if found:
            lo, hi, w = (np.concatenate(x) for x in zip(*found, strict=True))
            _, first = np.unique(lo * n + hi, return_index=True)
            keys = zip(lo[first].tolist(), hi[first].tolist(), strict=True)
            self.weights = dict(zip(keys, w[first].tolist(), strict=True))

    def solve(self, blockers: list[int], cardinality_first: bool) -> list[int]:
        """The mate of each pool index (-1: none); `blockers`: a country each.

        A person taken by a blocker is left out of the round (country cap).
        """
        pool, n = self.pool, self.pool.n
        by_country: dict[int, list[int]] = {}
        for k, c in enumerate(pool.country.tolist()):
            by_country.setdefault(c, []).append(k)
        # Heavier than any real pair, so every optimum matches every blocker:
        # if blocker b (of country c) were free, some person s of c would be
        # matched to a real partner u (there are at least as many people as
        # blockers), and trading (s, u) for (s, b) keeps the cardinality and
        # gains weight.
        heavy = max(self.weights.values(), default=0) + 1
        edges = dict(self.weights)
        for b, c in enumerate(blockers):
            edges.update({(i, n + b): heavy for i in by_country[c]})
        size = n + len(blockers)
        seed = pool.settings.seed
        while True:
            mate = _max_weight_matching(size, edges, cardinality_first, seed)
            if not cardinality_first:
                break
            added = _augment_to_maximum(self._adjacency(blockers, by_country), mate)
            if not added:
                break
            # Keep the edges the augmenting paths used and solve again: the larger
            # candidate graph holds a maximum matching, so the solver returns one
            # of maximum cardinality, and the best score among those it sees.
            for i, j in added:
                key = (min(i, j), max(i, j))
                if key[1] < n and key not in edges:
                    points = pool.points(np.array([key[0]]), np.array([key[1]]))
                    edges[key] = self.weights[key] = int(points[0, 0])
        return [m if m < n else -1 for m in mate[:n]]

    def _adjacency(
        self, blockers: list[int], by_country: dict[int, list[int]]
    ) -> np.ndarray:
        n = self.pool.n
        if not blockers:
            return self.compat
        size = n + len(blockers)
        adjacency = np.zeros((size, size), dtype=bool)
        adjacency[:n, :n] = self.compat
        for b, c in enumerate(blockers):
            adjacency[by_country[c], n + b] = True
            adjacency[n + b, by_country[c]] = True
        return adjacency


def _max_weight_matching(
    size: int, edges: dict[tuple[int, int], int], cardinality_first: bool, seed: int
) -> list[int]:
    """rustworkx's exact matching; returns the mate of each vertex (-1: none).

    The weights are the points alone, so every answer is optimal; among equally
    good answers the solver's choice depends on the order it meets vertices and
    edges in, so a seeded shuffle of that order is how the seed breaks ties.
    """
    order = list(range(size))
    random.Random(seed).shuffle(order)
    node = np.empty(size, dtype=np.int64)
    node[order] = np.arange(size)
    ends = np.array(list(edges), dtype=np.int64).reshape(-1, 2)
    weights = np.fromiter(edges.values(), dtype=np.int64, count=len(edges))
    a, b = node[ends[:, 0]], node[ends[:, 1]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    by_position = np.lexsort((hi, lo))
    graph = rx.PyGraph()
    graph.add_nodes_from(order)
    graph.add_edges_from(
        list(
            zip(
                lo[by_position].tolist(),
                hi[by_position].tolist(),
                weights[by_position].tolist(),
                strict=True,
            )
        )
    )
    pairs = rx.max_weight_matching(
        graph, max_cardinality=cardinality_first, weight_fn=lambda w: w
    )
    mate = [-1] * size
    for x, y in pairs:
        i, j = order[x], order[y]
        mate[i], mate[j] = j, i
    return mate


# --- Blossom search on the full graph: the cardinality certificate -----------------


def _augment_to_maximum(
    adjacency: np.ndarray, mate: list[int]
) -> list[tuple[int, int]]:
    """Grow `mate` into a maximum matching of `adjacency`; return the new edges.

    Edmonds' blossom search from all free vertices at once (a forest). A finished
    search without an augmenting path proves the matching maximum (Berge).
    """
    has_edge = adjacency.any(axis=1)
    added: list[tuple[int, int]] = []
    while True:
        roots = [v for v in range(len(mate)) if mate[v] < 0 and has_edge[v]]
        if len(roots) < 2:
            return added
        path = _augmenting_search(adjacency, mate, roots)
        if path is None:
            return added
        added.extend(path)


def _augmenting_search(
    adjacency: np.ndarray, mate: list[int], roots: list[int]
) -> list[tuple[int, int]] | None:
    size = len(mate)
    labelled = np.zeros(size, dtype=bool)
    even = np.zeros(size, dtype=bool)
    base = np.arange(size)
    parent = [-1] * size
    root = [-1] * size
    queue: deque[int] = deque()
    for r in roots:
        labelled[r] = even[r] = True
        root[r] = r
        queue.append(r)

    def lca(a: int, b: int) -> int:
        seen = set()
        while True:
            a = int(base[a])
            seen.add(a)
            if mate[a] < 0:
                break
            a = parent[mate[a]]
        while True:
            b = int(base[b])
            if b in seen:
                return b
            b = parent[mate[b]]

    def mark(v: int, b: int, child: int, in_blossom: np.ndarray) -> None:
        while base[v] != b:
            in_blossom[base[v]] = in_blossom[base[mate[v]]] = True
            parent[v] = child
            child = mate[v]
            v = parent[mate[v]]

    while queue:
        v = queue.popleft()
        row = adjacency[v]
        for w in np.flatnonzero(row & ~labelled).tolist():
            if labelled[w]:
                continue  # labelled as the mate of an earlier neighbour
            m = mate[w]  # every free vertex with an edge is a root, so w is matched
            labelled[w] = True
            parent[w] = v
            root[w] = root[m] = root[v]
            labelled[m] = even[m] = True
            queue.append(m)
        while True:
            others = np.flatnonzero(row & even & (base != base[v]))
            if not others.size:
                break
            w = int(others[0])
            if root[w] != root[v]:
                return _augment(v, w, mate, parent)
            top = lca(v, w)
            in_blossom = np.zeros(size, dtype=bool)
            mark(v, top, w, in_blossom)
            mark(w, top, v, in_blossom)
            inside = in_blossom[base]
            base[inside] = top
            new = inside & ~even
            even[new] = True
            queue.extend(np.flatnonzero(new).tolist())
    return None


def _augment(
    v: int, w: int, mate: list[int], parent: list[int]
) -> list[tuple[int, int]]:
    """Flip the path root(w) .. w - v .. root(v); return the newly matched edges."""
    new: list[tuple[int, int]] = []
    y = mate[w]
    while y >= 0:  # free w from its tree: walk up from its mate
        z = parent[y]
        up = mate[z]
        mate[y], mate[z] = z, y
        new.append((y, z))
        y = up
    parent[w] = v
    a = w
    while a >= 0:
        p = parent[a]
        up = mate[p]
        mate[a], mate[p] = p, a
        new.append((a, p))
        a = up
    return new


# --- Matching ------------------------------------------------------------------------


def match_applicants(
    applicants: Iterable[Applicant], settings: MatchSettings | None = None
) -> MatchResult:
    """Propose pairs (and trios) for one round. See the module docstring."""
    settings = settings or MatchSettings()
    settings.validate()
    applications = sorted(applicants, key=lambda a: a.id)
    ids = [a.id for a in applications]
    if len(set(ids)) != len(ids):
        raise MatchInputError("application ids must be unique")

    unmatched: list[Unmatched] = []
    people: list[Applicant] = []
    kept: dict[str, int] = {}
    for a in applications:
        key = _norm(a.email_key)
        if key in kept:
            unmatched.append(
                Unmatched(
                    a.id,
                    Reason.DUPLICATE_APPLICATION,
                    f"another application by the same person (#{kept[key]}) is used",
                    (kept[key],),
                )
            )
        else:
            kept[key] = a.id
            people.append(a)
    duplicate_of = {u.applicant_id: u.related_ids[0] for u in unmatched}

    locked_pairs, locked_ids = _locked(people, settings, duplicate_of)

    pool_people: list[Applicant] = []
    for a in people:
        if a.id in locked_ids:
            continue
        if settings.mode == "mentor_mentee" and _role(a) not in ("mentor", "mentee"):
            unmatched.append(
                Unmatched(a.id, Reason.NO_ROLE, "no role (mentor or mentee) given")
            )
            continue
        pool_people.append(a)

    pool = _Pool(pool_people, settings)
    exact = pool.n <= max(settings.exact_up_to, settings.candidates_per_person + 1)
    graph = _Graph(pool, exact)
    cardinality_first = settings.objective == "max_people"

    locked_countries = Counter(_country(a) for a in people if a.id in locked_ids)
    mate, iterations = _solve_with_cap(
        pool, graph, settings, cardinality_first, locked_countries, len(locked_ids)
    )

    groups = [[i, mate[i]] for i in range(pool.n) if mate[i] > i]
    countries = locked_countries + Counter(
        pool.country_names[i] for g in groups for i in g
    )
    leftovers = [i for i in range(pool.n) if mate[i] < 0 and graph.compat[i].any()]
    if settings.odd_one_out == "trio" and groups and leftovers:
        _attach_trios(pool, graph, groups, leftovers, settings, countries)

    pairs = list(locked_pairs)
    in_group = set()
    for g in groups:
        in_group.update(g)
        pairs.append(_make_pair(pool, g))
    pairs.sort(key=lambda p: p.members)

    # A country is full when it holds its whole share of the people matched.
    full: set[str] = set()
    if settings.max_country_share is not None:
        limit = _cap(settings.max_country_share, sum(countries.values()))
        full = {c for c, count in countries.items() if count >= limit}
    for i in range(pool.n):
        if i not in in_group:
            unmatched.append(_why_unmatched(pool, graph, i, full, settings))
    unmatched.sort(key=lambda u: u.applicant_id)

    matched_ids = [m for p in pairs for m in p.members]
    by_id = {a.id: a for a in people}
    stats = MatchStats(
        applications=len(applications),
        people=len(people),
        pool=pool.n,
        matched_people=len(matched_ids),
        pairs=sum(1 for p in pairs if len(p.members) == 2),
        trios=sum(1 for p in pairs if len(p.members) == 3),
        locked_groups=len(locked_pairs),
        total_score=sum(p.score for p in pairs),
        countries_matched=len({_country(by_id[m]) for m in matched_ids}),
        compatible_links=int(graph.compat.sum()) // 2,
        candidate_links=len(graph.weights),
        exact_graph=exact,
        max_people_certified=cardinality_first,
        cap_iterations=iterations,
    )
    return MatchResult(tuple(pairs), tuple(unmatched), stats)


def _locked(
    people: list[Applicant], settings: MatchSettings, duplicate_of: dict[int, int]
) -> tuple[list[Pair], set[int]]:
    by_id = {a.id: a for a in people}
    seen: set[int] = set()
    pairs: list[Pair] = []
    for group in settings.locked:
        members = tuple(sorted(group))
        if len(members) not in (2, 3) or len(set(members)) != len(members):
            raise MatchInputError(f"locked group {group} must have 2 or 3 people")
        for m in members:
            if m in duplicate_of:
                raise MatchInputError(
                    f"locked group {group}: application {m} is a duplicate of "
                    f"{duplicate_of[m]} by the same person"
                )
            if m not in by_id:
                raise MatchInputError(f"locked group {group}: no application {m}")
            if m in seen:
                raise MatchInputError(f"application {m} is in two locked groups")
        seen.update(members)
        applicants = [by_id[m] for m in members]
        pool = _Pool(applicants, settings)
        links = [
            pool.link(i, j)
            for i in range(len(members))
            for j in range(i + 1, len(members))
            if not pool.mentor_mode or pool.is_mentor[i] != pool.is_mentor[j]
        ]
        pairs.append(
            Pair(
                members=members,
                links=tuple(links),
                mentors=_mentors(pool, range(len(members))),
                locked=True,
                warnings=rule_breaks(applicants, settings),
            )
        )
    return pairs, seen


def _mentors(pool: _Pool, indices: Iterable[int]) -> tuple[int, ...]:
    if not pool.mentor_mode:
        return ()
    return tuple(sorted(int(pool.ids[i]) for i in indices if pool.is_mentor[i]))


def _solve_with_cap(
    pool: _Pool,
    graph: _Graph,
    settings: MatchSettings,
    cardinality_first: bool,
    locked_countries: Counter[str],
    locked_people: int,
) -> tuple[list[int], int]:
    """Solve, lowering the guessed total until the cap holds for the result."""
    if pool.n < 2:
        return [-1] * pool.n, 0
    share = settings.max_country_share
    if share is None:
        return graph.solve([], cardinality_first), 1
    sizes = Counter(pool.country.tolist())
    name_of = {c: pool.country_names[i] for i, c in enumerate(pool.country.tolist())}
    # Start from an upper bound on the answer that needs no solving: a country
    # can place at most its people who have someone compatible, and at most its
    # cap. Starting above the answer keeps the descent below exact.
    matchable = Counter(
        pool.country.tolist()[i] for i in range(pool.n) if graph.compat[i].any()
    )

    def bound(total: int) -> int:
        limit = _cap(share, total)
        return locked_people + sum(
            min(count, max(limit - locked_countries[name_of[c]], 0))
            for c, count in matchable.items()
        )

    total = locked_people + sum(matchable.values())
    while bound(total) < total:
        total = bound(total)
    iterations = 0
    while True:
        iterations += 1
        limit = _cap(share, total)
        blockers: list[int] = []
        for c in sorted(sizes):
            budget = max(limit - locked_countries[name_of[c]], 0)
            blockers += [c] * max(sizes[c] - budget, 0)
        mate = graph.solve(blockers, cardinality_first)
        matched = locked_people + sum(1 for m in mate if m >= 0)
        counts = locked_countries + Counter(
            pool.country_names[i] for i in range(pool.n) if mate[i] >= 0
        )
        if all(v <= _cap(share, matched) for v in counts.values()) or matched == 0:
            return mate, iterations
        # The result is too small for its budgets: guess lower. With max_people the
        # result never grows when the total shrinks, so this stops at the largest
        # consistent total.
        total = matched if matched < total else total - 1


def _cap(share: float, total: int) -> int:
    # A small epsilon so that 0.29 * 100 counts as 29, not 28.999...
    return math.floor(share * total + 1e-9)


def _attach_trios(
    pool: _Pool,
    graph: _Graph,
    groups: list[list[int]],
    leftovers: list[int],
    settings: MatchSettings,
    matched_countries: Counter[str],
) -> None:
    """Let leftovers join pairs (one per pair), maximum number then best score."""
    compat = graph.compat
    left = np.array(leftovers)
    first = np.array([g[0] for g in groups])
    second = np.array([g[1] for g in groups])
    points = pool.points(left, np.arange(pool.n))
    rows = np.arange(len(left))[:, None]
    if pool.mentor_mode:
        # The newcomer partners the member of the other role; with the member of
        # its own role it only must not be barred (previous partner, organiser).
        cross_is_first = pool.is_mentor[left][:, None] != pool.is_mentor[first][None, :]
        cross = np.where(cross_is_first, first[None, :], second[None, :])
        same = np.where(cross_is_first, second[None, :], first[None, :])
        allowed = compat[left[:, None], cross]
        group_of = {m: g for g, members in enumerate(groups) for m in members}
        for t, person in enumerate(leftovers):
            for other in pool.barred_with(person):
                g = group_of.get(other)
                if g is not None and same[t, g] == other:
                    allowed[t, g] = False
        gain = points[rows, cross]
    else:
        allowed = compat[left[:, None], first[None, :]]
        allowed &= compat[left[:, None], second[None, :]]
        gain = points[:, first] + points[:, second]

    weight = np.where(allowed, gain, -1)
    # Candidate edges: each leftover's and each pair's K best options.
    keep = np.zeros_like(allowed)
    for axis in (0, 1):
        take = min(settings.candidates_per_person, weight.shape[axis])
        best = np.take(np.argpartition(-weight, take - 1, axis=axis), range(take), axis)
        np.put_along_axis(keep, best, True, axis=axis)
    keep &= allowed
    ts, gs = np.nonzero(keep)
    if not ts.size:
        return
    edges = {
        (t, len(left) + g): w
        for t, g, w in zip(
            ts.tolist(), gs.tolist(), weight[ts, gs].tolist(), strict=True
        )
    }
    mate = _max_weight_matching(len(left) + len(groups), edges, True, settings.seed)
    chosen = [(t, mate[t] - len(left)) for t in range(len(left)) if mate[t] >= 0]
    chosen.sort(key=lambda tg: (-int(weight[tg]), tg))
    matched = sum(matched_countries.values())
    share = settings.max_country_share
    for t, g in chosen:
        name = pool.country_names[leftovers[t]]
        if share is not None and matched_countries[name] + 1 > _cap(share, matched + 1):
            continue
        matched_countries[name] += 1
        matched += 1
        groups[g].append(leftovers[t])


def _make_pair(pool: _Pool, group: list[int]) -> Pair:
    a, b = group[0], group[1]
    links = [pool.link(min(a, b), max(a, b))]
    if len(group) == 3:
        t = group[2]
        for m in (a, b):
            if not pool.mentor_mode or pool.is_mentor[m] != pool.is_mentor[t]:
                links.append(pool.link(min(m, t), max(m, t)))
    return Pair(
        members=tuple(sorted(int(pool.ids[i]) for i in group)),
        links=tuple(links),
        mentors=_mentors(pool, group),
    )


def _why_unmatched(
    pool: _Pool, graph: _Graph, i: int, full: set[str], settings: MatchSettings
) -> Unmatched:
    person = pool.people[i]
    partner = "one else"
    if pool.mentor_mode:
        partner = "mentee" if pool.is_mentor[i] else "mentor"
    rules = pool.base_rules(np.array([i]))
    candidates = rules["other"][0]
    barred_previous = np.zeros(pool.n, dtype=bool)
    barred_previous[list(pool.previous_of.get(i, ()))] = True
    barred_excluded = np.zeros(pool.n, dtype=bool)
    barred_excluded[list(pool.excluded_of.get(i, ()))] = True
    steps = (
        (None, Reason.NO_ONE_ELSE, f"no {partner} is in the pool"),
        (rules["language"][0], Reason.NO_SHARED_LANGUAGE, "no one shares a language"),
        (
            rules["country"][0],
            Reason.ONLY_SAME_COUNTRY,
            "everyone who shares a language is from the same country",
        ),
        (
            ~barred_previous,
            Reason.ONLY_PREVIOUS_PARTNERS,
            "only compatible people are previous partners",
        ),
        (
            ~barred_excluded,
            Reason.ONLY_EXCLUDED,
            "the only compatible people were unpaired by the organiser",
        ),
    )
    for mask, reason, detail in steps:
        if mask is not None:
            candidates = candidates & mask
        if not candidates.any():
            if pool.mentor_mode and reason is Reason.NO_SHARED_LANGUAGE:
                detail = f"no {partner} shares a language"
            return Unmatched(person.id, reason, detail)
    country = pool.country_names[i]
    if country in full:
        return Unmatched(
            person.id,
            Reason.COUNTRY_CAP,
            f"country cap: {country} already has its share of places",
        )
    if settings.odd_one_out == "trio":
        detail = "odd one out: all compatible people are taken, no pair can add a third"
    else:
        detail = "odd one out: waiting for next round"
    return Unmatched(person.id, Reason.ODD_ONE_OUT, detail)
