"""The hard rules a group breaks (as codes, or in English), and how each
field of an application is read (case, spaces and unknown values)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import availability
from .model import Applicant, MatchSettings, Rule, RuleBreak


def broken_rules(
    members: Sequence[Applicant], settings: MatchSettings
) -> tuple[RuleBreak, ...]:
    """The hard rules a group (for example an organiser's swap) breaks, as
    codes with the two people concerned (a group rule concerns nobody)."""
    breaks: list[RuleBreak] = []
    mentor_mode = settings.mode == "mentor_mentee"
    excluded = [set(pair) for pair in settings.excluded]
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            if mentor_mode and role_of(a) == role_of(b):
                continue  # two mentees of one mentor are not partners of each other
            checks = (
                (Rule.SAME_PERSON, norm(a.email_key) == norm(b.email_key)),
                (Rule.PREVIOUS_PARTNERS, were_partners(a, b)),
                (
                    Rule.SAME_COUNTRY,
                    not settings.allow_same_country and country_of(a) == country_of(b),
                ),
                (Rule.NO_SHARED_LANGUAGE, not languages_of(a) & languages_of(b)),
                (Rule.UNPAIRED_BY_ORGANISER, {a.id, b.id} in excluded),
                (Rule.TOO_LITTLE_SHARED_TIME, too_little_shared_time(a, b, settings)),
            )
            breaks += [
                RuleBreak(rule, (a.id, b.id)) for rule, broken in checks if broken
            ]
    if mentor_mode and {role_of(m) for m in members} != {"mentor", "mentee"}:
        breaks.append(RuleBreak(Rule.NEEDS_MENTOR_AND_MENTEE))
    return tuple(breaks)


def rule_breaks(
    members: Sequence[Applicant],
    settings: MatchSettings,
    names: Mapping[int, str] | None = None,
) -> tuple[str, ...]:
    """`broken_rules()` in English; people are named by `names` (application
    id: name) or their id."""
    return tuple(b.describe(names) for b in broken_rules(members, settings))


def too_little_shared_time(a: Applicant, b: Applicant, settings: MatchSettings):
    """Whether two people who both gave their availability share fewer free
    hours a week than the round's minimum."""
    if settings.min_shared_hours <= 0 or not (a.availability and b.availability):
        return False
    masks = availability.weekly_masks(
        [availability.zone_of(x.time_zone, x.utc_offset_minutes) for x in (a, b)],
        [a.availability, b.availability],
        settings.first_day,
        settings.last_day,
    )
    least = availability.minimum_quarters(settings.min_shared_hours, masks.total_weeks)
    return availability.shared_quarters(masks, 0, 1) < least


def norm(text: str) -> str:
    return text.strip().casefold()


def country_of(a: Applicant) -> str:
    return a.country.strip().upper()


def languages_of(a: Applicant) -> frozenset[str]:
    return frozenset(norm(x) for x in a.languages if x.strip())


def role_of(a: Applicant) -> str:
    return norm(a.role)


def were_partners(a: Applicant, b: Applicant) -> bool:
    def names(x: Applicant, y: Applicant) -> bool:
        return any(
            (isinstance(p, str) and norm(p) == norm(y.email_key))
            or (isinstance(p, int) and p == y.id)
            for p in x.previous_partners
        )

    return names(a, b) or names(b, a)


def stage_index(value: int | str | None, stages: tuple[str, ...]) -> int:
    """Career stage as an ordinal, -1 when unknown."""
    if isinstance(value, bool) or value is None:
        return -1
    if isinstance(value, int):
        return value if value >= 0 else -1
    order = {norm(name): k for k, name in enumerate(stages)}
    return order.get(norm(value), -1)
