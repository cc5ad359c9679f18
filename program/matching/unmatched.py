"""Why someone is left without a partner: the first rule that empties their
list of possible partners, else the country cap, else being the odd one out."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .model import MatchSettings, Reason, Unmatched
from .scoring import Pool
from .solver import CandidateGraph


def why_unmatched(
    pool: Pool,
    graph: CandidateGraph,
    i: int,
    full: Mapping[str, int],
    settings: MatchSettings,
) -> Unmatched:
    """Why pool person `i` is unmatched; `full` maps each country that holds
    its whole share of the matched people to that share (its cap)."""
    person = pool.people[i]
    partner = {}
    if pool.mentor_mode:
        partner = {"partner": "mentee" if pool.is_mentor[i] else "mentor"}
    rules = pool.base_rules(np.array([i]))
    candidates = rules["other"][0]
    barred_previous = np.zeros(pool.n, dtype=bool)
    barred_previous[list(pool.previous_of.get(i, ()))] = True
    barred_excluded = np.zeros(pool.n, dtype=bool)
    barred_excluded[list(pool.excluded_of.get(i, ()))] = True
    steps = (
        (None, Reason.NO_ONE_ELSE, partner),
        (rules["language"][0], Reason.NO_SHARED_LANGUAGE, partner),
        (rules["country"][0], Reason.ONLY_SAME_COUNTRY, {}),
        (
            rules["availability"][0],
            Reason.TOO_LITTLE_SHARED_TIME,
            {"hours": settings.min_shared_hours},
        ),
        (~barred_previous, Reason.ONLY_PREVIOUS_PARTNERS, {}),
        (~barred_excluded, Reason.ONLY_EXCLUDED, {}),
    )
    for mask, reason, values in steps:
        if mask is not None:
            candidates = candidates & mask
        if not candidates.any():
            return Unmatched(person.id, reason, dict(values))
    country = pool.country_names[i]
    if country in full:
        return Unmatched(
            person.id, Reason.COUNTRY_CAP, {"country": country, "cap": full[country]}
        )
    return Unmatched(
        person.id, Reason.ODD_ONE_OUT, {"odd_one_out": settings.odd_one_out}
    )
