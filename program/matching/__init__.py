"""Partner matching for a mentoring round: plain data in, pairs out.

No database here: the models load `Applicant` rows, call `match_applicants()` and
store the `MatchResult`. Everything below is deterministic.

Layout: `model` (the dataclasses in and out), `rules` (the hard rules and how
fields are read), `scoring` (compatibility and points), `availability` (the
hours a week two people are both free, in UTC on the round's dates), `kernels`
(the loops over every pair, compiled with numba), `solver` (the candidate
graph, rustworkx, the country cap, trios), `blossom` (peer mode: the double
cover and Edmonds' blossom method with its dual), `assignment` (mentor/mentee
mode and the double cover: the Hungarian method and its dual), `lp` (the
matching programme, HiGHS, for the bound under a country cap), `bound` (the
proof: pricing and the upper bound), `optimum` (the optimum and its proof put
together), `certificate` (the
blossom search that proves the number matched maximum), `unmatched` (the
reason each person is left out) and `matcher` (`match_applicants`, which puts
them together).

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
   relation is symmetric: either side saying so is enough). A person's history
   is that of all their applications, and an id of a duplicate application
   names the person it belongs to.
3. Different countries, unless `allow_same_country`.
4. At least one shared language.
5. In mentor/mentee mode only mentor-mentee pairs.
6. Never a pair the organiser unpaired (`excluded`).
7. Optional country cap, `max_country_share = s`: with M people matched in the
   round (locked groups included), no country has more than floor(s * M) of them.
   It is a cap on the share of the *matched* people, so a country that
   dominates the applications cannot dominate the round.
8. Optional minimum of shared free time, `min_shared_hours = h`: two people
   who both gave their weekly availability are free at the same time at
   least h hours a week on average over the round's dates
   (`first_day`..`last_day`); someone who gave none is not held to it.

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
- time zone: 1 - hours apart / 12 (around the clock, so 12 h apart gives 0);
- availability: hours a week both are free / 6, at most 1 (availability.py:
  each person's local free hours placed in UTC week by week with zoneinfo,
  daylight saving time on both sides; 0 if either gave none).

The solver's weights are these points alone, so every answer is optimal for them;
the seed shuffles the order in which the solver meets people, and that order only
decides between equally good answers. Applicants are sorted by id first, so the
order of the input does not matter.

How it is solved, and what is guaranteed
----------------------------------------
The points of every pair are computed once (an n x n matrix, -1 where a rule
forbids the pair; compiled loops, kernels.py). The candidate graph keeps each
person's `candidates_per_person` (K, default 8) best-scoring compatible people
(all of them up to `exact_up_to` people, default 400). Then (optimum.py):

- Peer mode (blossom.py). The bipartite double cover of the candidate graph
  (each person a left and a right copy, each pair {u, v} the edges L_u R_v
  and L_v R_u, each worth points + B, B a bonus per pair above anything one
  pair less could gain, so the most people come first) is solved by the
  Hungarian method (assignment.py). Its dual averaged over each person's two
  copies is an optimal dual of the matching programme without odd-set rows,
  and every pair its assignment uses either way is tight for it. Read as a
  map u -> sigma(u) the assignment splits into paths and cycles; every
  other pair of each is a matching of tight pairs that leaves out one person
  per odd cycle. Edmonds' primal-dual blossom method (after Galil's 1986
  account) starts from that matching and dual, with the people left out
  with y > 0 (a handful) as the roots of its alternating trees, and ends
  with the optimum of the candidate graph and a dual: y per person, z per
  blossom (an odd set, nested), every pair paid for, y = 0 on the people
  left out, z > 0 only on full blossoms. Every allowed pair of the full
  graph is priced against (y, z) (bound.py; the blossoms are a laminar
  family, so each person's row of z is one pass of sums) and the pairs not
  paid for join (the four worst of each person per pass); the double cover
  restarts from its last dual, raised where new pairs need it. When no pair
  is short the matching is the optimum of the full graph, and bound.py's
  proof (y, z, mu = B) says so independently: `stats.best_possible` equals
  the score, `stats.optimal_proven`.
- Mentor/mentee mode (assignment.py) needs no programme: the graph is
  bipartite, so the Hungarian method (a Dijkstra search per person left out,
  compiled) gives the exact optimum over the candidate graph and a dual
  y >= 0 with y_u + y_v >= points + B on every pair, B a bonus per pair
  above anything one pair less could gain (the most people first). Pricing
  every allowed pair of the full graph against it brings in the pairs it
  does not pay for (the four worst of each person per pass), and the method
  restarts from the last dual; when none is short the matching is the
  optimum of the full graph, and bound.py's proof (y, mu = B) says so
  independently. The same dual proves the number matched: one pair more
  would score below 0.
- Cardinality guarantee (objective `max_people`): in both modes the same
  dual proves that no matching has more pairs (one pair more would score
  below 0); should float dust ever leave that unproven, the blossom search
  over the full compatibility graph (certificate.py), rooted at every
  unmatched person at once, finds no augmenting path, so by Berge's theorem
  no matching has more pairs (`stats.max_people_certified`).
- With `max_score` there is no bonus and no certificate; the bound is on the
  score alone.
- The seed shuffles the order the methods meet people in, which only decides
  between equally good answers.
- Country cap: each capped country c gets d_c "blocker" vertices joined to all its
  people, each edge heavier than any real pair, so every optimum leaves exactly
  d_c of them out and optimises the rest. The budgets come from a guessed total
  M: it starts at an upper bound (every country places at most its people who
  have a compatible partner, and at most its cap) and is lowered to the size of
  the result until the result fits its own cap. With `max_people` the result can
  only shrink as M does, so the descent stops at the largest total that fits and
  the number matched is the maximum under the cap too. Solved with rustworkx
  on the candidate graph (seconds at 2,000 people); the bound comes from the
  matching programme (lp.py, HiGHS: maximise the points of x over
  x(delta(v)) <= 1, x >= 0, the cardinality row, one row per country over
  its budget, odd-set rows while its optimum breaks one, found by Padberg and
  Rao's separation, and pricing as above), which may leave a small proven
  gap.

Odd ones out: with `odd_one_out="trio"` the people left over (who have compatible
people, all taken) join proposed pairs, at most one per pair, chosen by a maximum
cardinality, maximum score assignment over each side's K best options; in peer mode
the third person must be compatible with both, in mentor/mentee mode with the
member of the other role (and never the same person, a previous partner or an
excluded pair with the other). Everyone left unmatched carries a reason.

Complexity
----------
n people in the pool, K candidates: the points and the candidates O(n^2)
compiled work (memory: n^2 small integers, 200 MB at 10,000 people); each
pricing pass O(n^2) (compiled). Peer mode:
the double cover's Hungarian method, a Dijkstra search (O(m log n), m pairs)
per copy left out, few after the greedy start and the warm restarts; the
blossom method, one stage per person left out with y > 0 (a handful per
round), each O(m log m) with heaps keyed so the dual moves lazily; about
seven pricing rounds at 10,000 people. Mentor/mentee mode: the Hungarian
method alone, about eight pricing rounds. Measured
(bench/results_matching.md, 2 shared cores, skewed rounds): 2,000 people in
well under 1 s and 10,000 in about 8 s of CPU time (peer) and 4 s
(mentor/mentee), proven optimal. Under a country cap the bound comes from
the programme (HiGHS), which is far slower on large rounds.
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
