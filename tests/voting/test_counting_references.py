"""Our counts agree with the reference implementations on random elections.

abcvoting checks the approval rules (and plurality, as approval voting on one-option
ballots); pref-voting checks Borda, Schulze and STV. The elections are small (5-8
options, 10-80 voters) so that the references stay fast, and two kinds are drawn:

- polarised: voters fall into two or three groups, each group preferring its own
  block of options; here AV and the proportional rules disagree;
- independent: every voter draws every preference independently.

The references break ties for the candidate with the smallest number. We number
the options in our seeded priority order, so both sides break ties the same way and
every election is compared, ties included. Each rule must also agree on at least
1,000 elections whose outcome no tie touched: for the approval rules, those where
abcvoting finds one winning committee however ties are broken; for the ranked
rules, those where our count recorded no tie.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from functools import cache, partial

import pytest
from abcvoting import abcrules
from abcvoting.preferences import Profile as ApprovalProfile
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_wig
from pref_voting.scoring_methods import domination_borda_scores

from voting.counting import (
    APPROVAL,
    APPROVAL_RULES,
    BORDA,
    PAV,
    PHRAGMEN,
    PLURALITY,
    SCHULZE,
    SEQ_PAV,
    STV,
    CountResult,
    count,
    priority_order,
)

ELECTIONS = 1600  # per family of rules; each rule needs 1,000 untouched by ties
UNTOUCHED_BY_TIES_NEEDED = 1000


@dataclass(frozen=True)
class Election:
    options: tuple
    seats: int
    seed: int
    polarised: bool
    approvals: tuple
    rankings: tuple
    choices: tuple

    @property
    def label(self) -> dict:
        """Option id -> reference candidate number (its place in priority order)."""
        return {o: i for i, o in enumerate(priority_order(self.options, self.seed))}


def draw_election(rng: random.Random, polarised: bool, voters=(10, 60)) -> Election:
    m = rng.randint(5, 8)
    # Ids that are neither 0..m-1 nor in priority order, so a mix-up would show.
    options = tuple(rng.sample(range(100, 1000), m))
    n = rng.randint(*voters)
    if polarised:
        blocks = rng.randint(2, 3)
        cuts = sorted(rng.sample(range(1, m), blocks - 1))
        favourites = [
            set(options[a:b]) for a, b in zip([0, *cuts], [*cuts, m], strict=True)
        ]
        shares = [rng.random() + 0.3 for _ in favourites]
        noise = rng.uniform(0.2, 0.7)
    else:
        p_approve = rng.uniform(0.2, 0.6)
    approvals, rankings, choices = [], [], []
    for _ in range(n):
        if polarised:
            block = rng.choices(favourites, weights=shares)[0]
            utility = {o: rng.gauss(1.0 if o in block else 0.0, noise) for o in options}
            approved = {o for o in options if utility[o] > 0.6}
        else:
            utility = {o: rng.random() for o in options}
            approved = {o for o in options if rng.random() < p_approve}
        ranking = sorted(options, key=utility.__getitem__, reverse=True)
        if rng.random() < 0.3:
            ranking = ranking[: rng.randint(1, m)]
        approvals.append(frozenset(approved))
        rankings.append(tuple(ranking))
        choices.append(ranking[0])
    approvals.append(frozenset())  # an empty ballot must change nothing
    return Election(
        options=options,
        seats=rng.randint(1, m - 1),
        seed=rng.randrange(10**6),
        polarised=polarised,
        approvals=tuple(approvals),
        rankings=tuple(rankings),
        choices=tuple(choices),
    )


@cache
def elections(family: str) -> tuple[Election, ...]:
    rng = random.Random(f"counting references {family}")
    # STV needs more voters: with a handful, ties for exclusion are the rule.
    voters = (30, 80) if family == "ranked" else (10, 60)
    return tuple(
        draw_election(rng, polarised=i % 3 != 0, voters=voters)
        for i in range(ELECTIONS)
    )


def approval_profile(election: Election, ballots) -> ApprovalProfile:
    label = election.label
    profile = ApprovalProfile(len(election.options))
    profile.add_voters([{label[o] for o in ballot} for ballot in ballots if ballot])
    return profile


@cache
def ranked_profile(election: Election) -> ProfileWithTies:
    label = election.label
    counts = Counter(election.rankings)
    profile = ProfileWithTies(
        [{label[o]: place for place, o in enumerate(r, start=1)} for r in counts],
        list(counts.values()),
        candidates=list(range(len(election.options))),
    )
    # Ranked options beat unranked ones; two unranked options are not compared.
    profile.use_extended_strict_preference()
    return profile


def ballots_for(rule: str, election: Election) -> tuple:
    if rule == PLURALITY:
        return election.choices
    return election.approvals if rule in APPROVAL_RULES else election.rankings


@cache
def our_results(rule: str, family: str) -> tuple[CountResult, ...]:
    return tuple(
        count(rule, ballots_for(rule, e), e.options, e.seats, e.seed)
        for e in elections(family)
    )


ABC_RULES = {
    APPROVAL: abcrules.compute_av,
    SEQ_PAV: abcrules.compute_seqpav,
    PHRAGMEN: partial(abcrules.compute_seqphragmen, algorithm="gmpy2-fractions"),
    PLURALITY: abcrules.compute_av,
}


def check_against_abcvoting(rule: str, election: Election, ours: CountResult) -> bool:
    """Assert agreement; return whether ties left the outcome alone."""
    winners = {election.label[o] for o in ours.winners}
    ballots = ballots_for(rule, election)
    if rule == PLURALITY:
        ballots = [{choice} for choice in ballots]
    profile = approval_profile(election, ballots)
    if rule == PAV:
        every = [
            set(c)
            for c in abcrules.compute_pav(
                profile, election.seats, algorithm="branch-and-bound"
            )
        ]
        assert winners == min(every, key=sorted), "not the first best committee"
        assert bool(ours.ties) == (len(every) > 1), "committee tie not detected"
        return len(every) == 1
    compute = ABC_RULES[rule]
    # Every committee some way of breaking the ties would give.
    every = [set(c) for c in compute(profile, election.seats, resolute=False)]
    if ours.ties:
        (first,) = compute(profile, election.seats, resolute=True)
        assert winners == set(first), "a tie was broken differently"
        assert winners in every
    else:
        assert every == [winners], "different winners (or a tie we missed)"
    return len(every) == 1


def check_against_pref_voting(rule: str, election: Election, ours: CountResult) -> bool:
    """Assert agreement; return whether our count had no tie."""
    label = election.label
    winners = [label[o] for o in ours.winners]
    profile = ranked_profile(election)
    if rule == BORDA:
        points = domination_borda_scores(profile)
        assert {label[o]: s for o, s in ours.rounds[0].scores.items()} == points
        expected = sorted(points, key=lambda c: (-points[c], c))[: election.seats]
        assert winners == expected
    elif rule == SCHULZE:
        running = list(range(len(election.options)))
        tied_seats = set()
        for seat in range(1, election.seats + 1):
            unbeaten = beat_path(
                profile, curr_cands=running, strength_function=profile.support
            )
            if len(unbeaten) > 1:
                tied_seats.add(seat)
            assert winners[seat - 1] == min(unbeaten), f"seat {seat}"
            running.remove(min(unbeaten))
        assert {tie.seat for tie in ours.ties} == tied_seats
    elif rule == STV:
        expected = stv_wig(profile, num_seats=election.seats, quota_rule="droop")
        assert sorted(winners) == sorted(expected)
    return not ours.ties


def compare_all(rule: str, family: str, check) -> None:
    untouched_by_ties = 0
    for number, (election, ours) in enumerate(
        zip(elections(family), our_results(rule, family), strict=True)
    ):
        try:
            untouched_by_ties += check(rule, election, ours)
        except AssertionError as error:
            raise AssertionError(f"{rule}, election {number}: {election}") from error
    assert untouched_by_ties >= UNTOUCHED_BY_TIES_NEEDED, (
        f"only {untouched_by_ties} without ties"
    )


@pytest.mark.parametrize("rule", [APPROVAL, SEQ_PAV, PAV, PHRAGMEN, PLURALITY])
def test_approval_rules_match_abcvoting(rule):
    compare_all(rule, "approval", check_against_abcvoting)


@pytest.mark.parametrize("rule", [BORDA, SCHULZE, STV])
def test_ranked_rules_match_pref_voting(rule):
    compare_all(rule, "ranked", check_against_pref_voting)


def winner_sets(rule: str, family: str) -> list[frozenset]:
    return [frozenset(result.winners) for result in our_results(rule, family)]


@pytest.mark.parametrize("rule", [SEQ_PAV, PAV, PHRAGMEN])
def test_proportional_rules_differ_from_av_on_polarised_profiles(rule):
    polarised = [e.polarised for e in elections("approval")]
    differ = [
        a != b and p
        for a, b, p in zip(
            winner_sets(APPROVAL, "approval"),
            winner_sets(rule, "approval"),
            polarised,
            strict=True,
        )
    ]
    # The comparisons above have teeth: on a good share of polarised elections the
    # proportional rule elects someone AV does not.
    assert sum(differ) >= 0.1 * sum(polarised)


@pytest.mark.parametrize(
    ("one", "other"), [(BORDA, SCHULZE), (SCHULZE, STV), (BORDA, STV)]
)
def test_ranked_rules_differ_from_each_other_on_some_elections(one, other):
    differ = sum(
        a != b
        for a, b in zip(
            winner_sets(one, "ranked"), winner_sets(other, "ranked"), strict=True
        )
    )
    assert differ >= 50
