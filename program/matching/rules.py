"""The hard rules in words, and how each field of an application is read
(case, spaces and unknown values)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import Applicant, MatchSettings


def rule_breaks(
    members: Sequence[Applicant],
    settings: MatchSettings,
    names: Mapping[int, str] | None = None,
) -> tuple[str, ...]:
    """The hard rules a group (for example an organiser's swap) breaks, in
    words; people are named by `names` (application id: name) or their id."""
    names = names or {}
    breaks: list[str] = []
    mentor_mode = settings.mode == "mentor_mentee"
    for x, a in enumerate(members):
        for b in members[x + 1 :]:
            if mentor_mode and role_of(a) == role_of(b):
                continue  # two mentees of one mentor are not partners of each other
            who = f"{names.get(a.id, a.id)} and {names.get(b.id, b.id)}"
            if norm(a.email_key) == norm(b.email_key):
                breaks.append(f"{who} are the same person")
            if were_partners(a, b):
                breaks.append(f"{who} were partners before")
            if not settings.allow_same_country and country_of(a) == country_of(b):
                breaks.append(f"{who} are from the same country")
            if not languages_of(a) & languages_of(b):
                breaks.append(f"{who} share no language")
            if {a.id, b.id} in [set(pair) for pair in settings.excluded]:
                breaks.append(f"{who} were unpaired by the organiser")
    if mentor_mode and {role_of(m) for m in members} != {"mentor", "mentee"}:
        breaks.append("a group needs a mentor and a mentee")
    return tuple(breaks)


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
