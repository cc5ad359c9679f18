"""`match_applicants()`: duplicates and locked groups out, the pool solved,
trios attached, reasons given, statistics counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from .model import (
    Applicant,
    MatchInputError,
    MatchResult,
    MatchSettings,
    MatchStats,
    Pair,
    Reason,
    Unmatched,
)
from .optimum import prove_capped, solve_pool
from .rules import broken_rules, country_of, norm, role_of
from .scoring import Pool
from .solver import CandidateGraph, attach_trios, cap_limit, solve_with_cap
from .unmatched import why_unmatched

# Phases reported to `progress`, with the share of the work done when each starts
# (measured at 2,000 people: building the graph and solving take nearly all).
PHASES = {
    "graph": 5,
    "solve": 25,
    "trios": 85,
    "reasons": 92,
}


def match_applicants(
    applicants: Iterable[Applicant],
    settings: MatchSettings | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> MatchResult:
    """Propose pairs (and trios) for one round. See the module docstring.

    `progress(phase, percent)`, if given, is called as each phase of PHASES
    starts (for a progress bar; it does not change the result)."""

    def report(phase: str) -> None:
        if progress is not None:
            progress(phase, PHASES[phase])

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
        key = norm(a.email_key)
        if key in kept:
            unmatched.append(
                Unmatched(
                    a.id,
                    Reason.DUPLICATE_APPLICATION,
                    {"kept": kept[key]},
                    (kept[key],),
                )
            )
        else:
            kept[key] = a.id
            people.append(a)
    duplicate_of = {u.applicant_id: u.related_ids[0] for u in unmatched}
    people = _one_history_per_person(people, applications, duplicate_of)

    locked_pairs, locked_ids = _locked(people, settings, duplicate_of)

    pool_people: list[Applicant] = []
    for a in people:
        if a.id in locked_ids:
            continue
        if settings.mode == "mentor_mentee" and role_of(a) not in ("mentor", "mentee"):
            unmatched.append(Unmatched(a.id, Reason.NO_ROLE))
            continue
        pool_people.append(a)

    report("graph")
    pool = Pool(pool_people, settings)
    exact = pool.n <= max(settings.exact_up_to, settings.candidates_per_person + 1)
    graph = CandidateGraph(pool, exact)
    report("solve")
    cardinality_first = settings.objective == "max_people"

    locked_countries = Counter(country_of(a) for a in people if a.id in locked_ids)
    if settings.max_country_share is None:
        solution = solve_pool(pool, graph, cardinality_first, settings.seed)
        mate, iterations, columns = solution.mate, 0, solution.columns
        pool_bound = solution.bound
    else:
        mate, iterations = solve_with_cap(
            pool, graph, settings, cardinality_first, locked_countries, len(locked_ids)
        )
        columns = len(graph.weights)
        pool_bound = prove_capped(
            pool, graph, mate, settings, cardinality_first, locked_countries
        )
    pool_score = sum(
        int(graph.points[i, mate[i]]) for i in range(pool.n) if mate[i] > i
    )

    groups = [[i, mate[i]] for i in range(pool.n) if mate[i] > i]
    countries = locked_countries + Counter(
        pool.country_names[i] for g in groups for i in g
    )
    leftovers = [i for i in range(pool.n) if mate[i] < 0 and graph.degree[i]]
    report("trios")
    if settings.odd_one_out == "trio" and groups and leftovers:
        attach_trios(pool, graph, groups, leftovers, settings, countries)

    pairs = list(locked_pairs)
    in_group = set()
    for g in groups:
        in_group.update(g)
        pairs.append(_make_pair(pool, g))
    pairs.sort(key=lambda p: p.members)

    report("reasons")
    # A country is full when it holds its whole share of the people matched:
    # {country: that share}.
    full: dict[str, int] = {}
    if settings.max_country_share is not None:
        limit = cap_limit(settings.max_country_share, sum(countries.values()))
        full = {c: limit for c, count in countries.items() if count >= limit}
    for i in range(pool.n):
        if i not in in_group:
            unmatched.append(why_unmatched(pool, graph, i, full, settings))
    unmatched.sort(key=lambda u: u.applicant_id)

    matched_ids = [m for p in pairs for m in p.members]
    total_score = sum(p.score for p in pairs)
    by_id = {a.id: a for a in people}
    stats = MatchStats(
        applications=len(applications),
        people=len(people),
        pool=pool.n,
        matched_people=len(matched_ids),
        pairs=sum(1 for p in pairs if len(p.members) == 2),
        trios=sum(1 for p in pairs if len(p.members) == 3),
        locked_groups=len(locked_pairs),
        total_score=total_score,
        countries_matched=len({country_of(by_id[m]) for m in matched_ids}),
        compatible_links=int(graph.degree.sum()) // 2,
        candidate_links=columns,
        exact_graph=exact,
        max_people_certified=cardinality_first,
        cap_iterations=iterations,
        best_possible=total_score + max(pool_bound - pool_score, 0),
    )
    return MatchResult(tuple(pairs), tuple(unmatched), stats)


def _one_history_per_person(
    people: list[Applicant], applications: list[Applicant], duplicate_of
) -> list[Applicant]:
    """Previous partners are a person's, not an application's: those a
    duplicate application names join the kept one's, and a partner named by
    the id of a duplicate application is the person it belongs to."""
    if not duplicate_of:
        return people

    def person(p: str | int) -> str | int:
        if isinstance(p, int) and not isinstance(p, bool):
            return duplicate_of.get(p, p)
        return p

    named: dict[int, set[str | int]] = {a.id: set() for a in people}
    for a in applications:
        named[duplicate_of.get(a.id, a.id)].update(map(person, a.previous_partners))
    return [replace(a, previous_partners=frozenset(named[a.id])) for a in people]


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
        pool = Pool(applicants, settings)
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
                breaks=broken_rules(applicants, settings),
            )
        )
    return pairs, seen


def _mentors(pool: Pool, indices: Iterable[int]) -> tuple[int, ...]:
    if not pool.mentor_mode:
        return ()
    return tuple(sorted(int(pool.ids[i]) for i in indices if pool.is_mentor[i]))


def _make_pair(pool: Pool, group: list[int]) -> Pair:
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
