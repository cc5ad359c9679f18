"""Why someone is left without a partner: the first rule that empties their
list of possible partners, else the country cap, else being the odd one out."""

from __future__ import annotations

import numpy as np

from .model import MatchSettings, Reason, Unmatched
from .scoring import Pool
from .solver import CandidateGraph


def why_unmatched(
    pool: Pool, graph: CandidateGraph, i: int, full: set[str], settings: MatchSettings
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
