"""The matcher's data: what goes in (applicants, settings) and what comes out
(pairs with their reasons, the unmatched with theirs, statistics)."""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

SCALE = 100  # points for a criterion at full value with weight 1
MINUTES_PER_DAY = 24 * 60

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
    """Why an application is not in any pair. The site says it in the reader's
    language from the code and `Unmatched.values`; `Unmatched.detail` says it
    in English (for logs, benchmarks and tests)."""

    DUPLICATE_APPLICATION = "duplicate_application"
    NO_ROLE = "no_role"
    NO_ONE_ELSE = "no_one_else"
    NO_SHARED_LANGUAGE = "no_shared_language"
    ONLY_SAME_COUNTRY = "only_same_country"
    ONLY_PREVIOUS_PARTNERS = "only_previous_partners"
    ONLY_EXCLUDED = "only_excluded"
    TOO_LITTLE_SHARED_TIME = "too_little_shared_time"
    COUNTRY_CAP = "country_cap"
    ODD_ONE_OUT = "odd_one_out"


class Rule(enum.StrEnum):
    """A hard rule (see the package docstring) that a group can break."""

    SAME_PERSON = "same_person"
    PREVIOUS_PARTNERS = "previous_partners"
    SAME_COUNTRY = "same_country"
    NO_SHARED_LANGUAGE = "no_shared_language"
    UNPAIRED_BY_ORGANISER = "unpaired_by_organiser"
    TOO_LITTLE_SHARED_TIME = "too_little_shared_time"
    NEEDS_MENTOR_AND_MENTEE = "needs_mentor_and_mentee"


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
    # Weekly availability (availability.py): local hours of the week (0 is
    # Monday 00:00-01:00) in `time_zone` (IANA; "" for a fixed
    # `utc_offset_minutes`). Empty: not given.
    time_zone: str = ""
    availability: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Weights:
    """Weight of each score criterion (editable per round; 0 switches one off)."""

    interests: float = 4.0
    sector: float = 1.0
    career_stage_complement: float = 1.0
    timezone: float = 2.0
    availability: float = 2.0


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
    candidates_per_person: int = 8
    exact_up_to: int = 400
    # The round's dates (availability is scored over its actual weeks) and
    # the fewest hours a week two people with known availability must share.
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    min_shared_hours: float = 0.0

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
        parts = (
            w.interests,
            w.sector,
            w.career_stage_complement,
            w.timezone,
            w.availability,
            self.min_shared_hours,
        )
        if any(not math.isfinite(x) or x < 0 for x in parts):
            raise MatchInputError(
                "weights and the minimum shared hours must be finite and not negative"
            )
        if self.min_shared_hours > 7 * 24:
            raise MatchInputError("a week has 168 hours")
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
    # Hours a week both are free (availability.py), None if either gave none.
    shared_hours: float | None = None
    availability_points: int = 0

    @property
    def score(self) -> int:
        return (
            self.interest_points
            + self.sector_points
            + self.career_stage_points
            + self.timezone_points
            + self.availability_points
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
        if self.shared_hours is not None:
            parts.append(f"{self.shared_hours:g} h a week free at the same time")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class RuleBreak:
    """A hard rule a group breaks: the rule, and the two people (application
    ids) it concerns, or none when it is about the whole group."""

    rule: Rule
    people: tuple[int, ...] = ()

    def describe(self, names: Mapping[int, str] | None = None) -> str:
        """In English; people are named by `names` (id: name) or their id."""
        if self.rule is Rule.NEEDS_MENTOR_AND_MENTEE:
            return "a group needs a mentor and a mentee"
        a, b = ((names or {}).get(x, x) for x in self.people)
        return f"{a} and {b} {_BROKEN_RULES[self.rule]}"


_BROKEN_RULES = {
    Rule.SAME_PERSON: "are the same person",
    Rule.PREVIOUS_PARTNERS: "were partners before",
    Rule.SAME_COUNTRY: "are from the same country",
    Rule.NO_SHARED_LANGUAGE: "share no language",
    Rule.UNPAIRED_BY_ORGANISER: "were unpaired by the organiser",
    Rule.TOO_LITTLE_SHARED_TIME: "share fewer free hours a week than the minimum",
}


@dataclass(frozen=True, slots=True)
class Pair:
    """A proposed (or locked) pair or trio and why it was made."""

    members: tuple[int, ...]  # application ids, ascending
    links: tuple[Link, ...]
    mentors: tuple[int, ...] = ()  # in mentor/mentee mode, which members mentor
    locked: bool = False
    breaks: tuple[RuleBreak, ...] = ()  # rules a locked group breaks

    @property
    def score(self) -> int:
        return sum(link.score for link in self.links)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The rules broken, in English, people named by their id."""
        return tuple(b.describe() for b in self.breaks)

    @property
    def is_trio(self) -> bool:
        return len(self.members) == 3

    def explain(self) -> str:
        if len(self.links) == 1:
            return self.links[0].explain()
        return " | ".join(f"{x.a}-{x.b}: {x.explain()}" for x in self.links)


@dataclass(frozen=True, slots=True)
class Unmatched:
    """Someone left without a partner: the reason as a code, and the values a
    sentence about it needs (all optional, and only for these reasons):

    - DUPLICATE_APPLICATION: "kept", the application used instead;
    - NO_ONE_ELSE, NO_SHARED_LANGUAGE: "partner", in mentor/mentee mode the
      role missing ("mentor" or "mentee"); absent in peer mode;
    - COUNTRY_CAP: "country" (ISO code) and "cap", the most people of one
      country the round can match;
    - ODD_ONE_OUT: "odd_one_out", the round's setting ("trio" or "wait").
    - TOO_LITTLE_SHARED_TIME: "hours", the round's minimum of shared free
      hours a week.
    """

    applicant_id: int
    reason: Reason
    values: Mapping[str, str | int] = field(default_factory=dict, hash=False)
    related_ids: tuple[int, ...] = ()  # e.g. the application kept for a duplicate

    @property
    def detail(self) -> str:
        """The reason in English."""
        values = self.values
        partner = values.get("partner")
        match self.reason:
            case Reason.DUPLICATE_APPLICATION:
                kept = values.get("kept", "?")
                return f"another application by the same person (#{kept}) is used"
            case Reason.NO_ROLE:
                return "no role (mentor or mentee) given"
            case Reason.NO_ONE_ELSE:
                return f"no {partner or 'one else'} is in the pool"
            case Reason.NO_SHARED_LANGUAGE:
                return f"no {partner or 'one'} shares a language"
            case Reason.ONLY_SAME_COUNTRY:
                return "everyone who shares a language is from the same country"
            case Reason.ONLY_PREVIOUS_PARTNERS:
                return "only compatible people are previous partners"
            case Reason.ONLY_EXCLUDED:
                return "the only compatible people were unpaired by the organiser"
            case Reason.TOO_LITTLE_SHARED_TIME:
                hours = values.get("hours", "?")
                return f"no one else is free for {hours} h a week at the same times"
            case Reason.COUNTRY_CAP:
                country = values.get("country", "?")
                return f"country cap: {country} already has its share of places"
            case Reason.ODD_ONE_OUT if values.get("odd_one_out") == "wait":
                return "odd one out: waiting for next round"
            case Reason.ODD_ONE_OUT:
                return (
                    "odd one out: all compatible people are taken, "
                    "no pair can add a third"
                )
        return str(self.reason)


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
    # No proposal the rules allow scores more than this (bound.py): the pairs'
    # total proven at most `best_possible - total_score` from the best.
    best_possible: int

    @property
    def optimal_proven(self) -> bool:
        return self.best_possible <= self.total_score

    @property
    def proven_gap(self) -> float:
        """How far below the best possible the proposal can be, as a share."""
        if self.best_possible <= 0:
            return 0.0
        return max(self.best_possible - self.total_score, 0) / self.best_possible


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
