"""Partner matching for a mentoring round: plain data in, pairs out.

No database here: the models load `Applicant` rows, call `match_applicants()` and
store the `MatchResult`. Everything below is deterministic.

Layout: `model` (the dataclasses in and out), `rules` (the hard rules and how
fields are read), `scoring` (compatibility and points as numpy arrays),
`solver` (the candidate graph, rustworkx, the country cap, trios),
`certificate` (the blossom search that proves the number matched maximum),
`unmatched` (the reason each person is left out) and `matcher`
(`match_applicants`, which puts them together).

Reasons are codes with values, not sentences: `Unmatched.reason` (a `Reason`)
with `Unmatched.values`, `Pair.breaks` (`RuleBreak`s: a `Rule` and the people
it concerns), `Link`'s facts. The site turns them into sentences in each
reader's language (program/reasons.py); `Unmatched.detail`, `Pair.warnings`,
`rule_breaks()` and `explain()` say them in English for logs and tests.

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

from .matcher import match_applicants
from .model import (
    LANGUAGE_NAMES,
    Applicant,
    Link,
    MatchInputError,
    MatchResult,
    MatchSettings,
    MatchStats,
    Pair,
    Reason,
    Rule,
    RuleBreak,
    Unmatched,
    Weights,
)
from .rules import broken_rules, rule_breaks
from .scoring import score_link

__all__ = [
    "LANGUAGE_NAMES",
    "Applicant",
    "Link",
    "MatchInputError",
    "MatchResult",
    "MatchSettings",
    "MatchStats",
    "Pair",
    "Reason",
    "Rule",
    "RuleBreak",
    "Unmatched",
    "Weights",
    "broken_rules",
    "match_applicants",
    "rule_breaks",
    "score_link",
]
