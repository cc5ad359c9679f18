"""Times when both can talk: weekly availability given in each person's own
time zone, placed in UTC on the round's actual dates (daylight saving time on
both sides, half-hour and 45-minute zones), scored, and required as a
minimum (no database)."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program.matching import (
    Applicant,
    MatchSettings,
    Reason,
    Rule,
    Weights,
    broken_rules,
    match_applicants,
    score_link,
)
from program.matching.availability import (
    FULL_OVERLAP_HOURS,
    PERIODS,
    hours_a_week,
    hours_of_periods,
    periods_of_hours,
    shared_quarter_matrix,
    shared_quarters,
    suggest_times,
    utc_slots,
    weekly_masks,
    zone_of,
)
from program.matching.scoring import Pool

MADRID = zone_of("Europe/Madrid")
SANTIAGO = zone_of("America/Santiago")
KOLKATA = zone_of("Asia/Kolkata")
KATHMANDU = zone_of("Asia/Kathmandu")
WEEKDAYS = range(5)

# Madrid's evenings (18-22 local) and Santiago's afternoons (13-17 local),
# Monday to Friday.
MADRID_EVENINGS = hours_of_periods(f"{d}-evening" for d in WEEKDAYS)
SANTIAGO_AFTERNOONS = hours_of_periods(f"{d}-afternoon" for d in WEEKDAYS)


def shared_hours(zones, hours, first, last):
    masks = weekly_masks(zones, hours, first, last)
    return hours_a_week(shared_quarters(masks, 0, 1), masks.total_weeks)


def one_week(monday):
    return monday, monday + datetime.timedelta(days=6)


@pytest.mark.parametrize(
    ("monday", "expected", "why"),
    [
        # Madrid UTC+1, Santiago UTC-3: 17-21 and 16-20 UTC share 17-20.
        (datetime.date(2026, 1, 12), 15, "both on their January clocks"),
        # Madrid moved to UTC+2 on 29 March, Santiago still UTC-3: 16-20 both.
        (datetime.date(2026, 3, 30), 20, "Madrid on summer time, Santiago too"),
        # Santiago went back to UTC-4 on 5 April: 16-20 and 17-21 share 17-20.
        (datetime.date(2026, 4, 6), 15, "Santiago on winter time"),
        # Madrid back to UTC+1 on 25 October; Santiago forward to UTC-3 on
        # 6 September: 17-21 and 16-20 again.
        (datetime.date(2026, 11, 2), 15, "both changed again"),
    ],
)
def test_shared_hours_follow_both_daylight_saving_changes(monday, expected, why):
    hours = shared_hours(
        [MADRID, SANTIAGO], [MADRID_EVENINGS, SANTIAGO_AFTERNOONS], *one_week(monday)
    )
    assert hours == expected, why


def test_a_round_across_both_changes_averages_its_actual_weeks():
    """From 2 March to 26 April 2026 (8 weeks): 15 h a week until Madrid
    changes (Sunday 29 March), 20 h in the week before Santiago changes
    (Sunday 5 April), then 15 h again: the round's total is the sum of its
    actual weeks."""
    first, last = datetime.date(2026, 3, 2), datetime.date(2026, 4, 26)
    masks = weekly_masks(
        [MADRID, SANTIAGO], [MADRID_EVENINGS, SANTIAGO_AFTERNOONS], first, last
    )
    week_by_week = []
    monday = first
    while monday <= last:
        week_by_week.append(
            shared_hours(
                [MADRID, SANTIAGO],
                [MADRID_EVENINGS, SANTIAGO_AFTERNOONS],
                *one_week(monday),
            )
        )
        monday += datetime.timedelta(days=7)
    assert week_by_week == [15, 15, 15, 15, 20, 15, 15, 15]
    assert masks.total_weeks == 8
    assert len(masks.weeks) < 8  # equal weeks are counted once, with a weight
    assert shared_quarters(masks, 0, 1) == 4 * sum(week_by_week)


def test_a_change_in_the_middle_of_a_week_counts_each_day_on_its_own_clock():
    """The week starting Thursday 26 March 2026 (UTC): Madrid changes on
    Sunday the 29th, so Thursday and Friday evenings are at 17-21 UTC and
    Monday to Wednesday at 16-20 UTC."""
    thursday = datetime.date(2026, 3, 26)
    week = datetime.datetime.combine(thursday, datetime.time(), tzinfo=datetime.UTC)
    slots = utc_slots(MADRID, week)
    thursday_18h, monday_18h = 3 * 24 + 18, 0 * 24 + 18
    assert slots[thursday_18h] == 17 * 4  # 17:00 UTC on the first day
    assert slots[monday_18h] == (4 * 24 + 16) * 4  # 16:00 UTC four days later


def test_a_half_hour_zone_shares_half_hours():
    """Kolkata (UTC+5:30) mornings 8-12 are 2:30-6:30 UTC; someone in UTC
    free 6-7 shares half an hour a day."""
    kolkata_mornings = hours_of_periods(f"{d}-morning" for d in WEEKDAYS)
    utc_six = [d * 24 + 6 for d in WEEKDAYS]
    hours = shared_hours(
        [KOLKATA, zone_of("UTC")],
        [kolkata_mornings, utc_six],
        *one_week(datetime.date(2026, 6, 1)),
    )
    assert hours == 2.5


def test_a_45_minute_zone_shares_quarter_hours():
    """Kathmandu (UTC+5:45) 12:00-13:00 is 6:15-7:15 UTC."""
    hours = shared_hours(
        [KATHMANDU, zone_of("UTC")],
        [[12], [6]],
        *one_week(datetime.date(2026, 6, 1)),
    )
    assert hours == 0.75
    masks = weekly_masks(
        [KATHMANDU, zone_of("UTC")], [[12], [6]], *one_week(datetime.date(2026, 6, 1))
    )
    assert shared_quarters(masks, 0, 1) == 3


def test_a_week_crosses_midnight_into_the_next_day_in_utc():
    """Sunday 23:00 in Santiago (UTC-4 in June) is Monday 03:00 UTC: the
    same hour as a Monday 5:00 in Madrid (UTC+2)."""
    hours = shared_hours(
        [SANTIAGO, MADRID], [[6 * 24 + 23], [5]], *one_week(datetime.date(2026, 6, 1))
    )
    assert hours == 1


def test_the_grid_blocks_and_the_hours_are_one_and_the_same():
    codes = ["0-morning", "3-evening", "6-afternoon"]
    hours = hours_of_periods(codes)
    assert hours == [8, 9, 10, 11, 3 * 24 + 18, 91, 92, 93, *range(157, 161)]
    assert periods_of_hours(hours) == codes
    assert hours_of_periods(["7-morning", "1-night", "x", ""]) == []


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["Europe/Madrid", "America/Santiago", "Asia/Kolkata", "UTC"]),
    st.frozensets(st.integers(0, 167), max_size=40),
    st.integers(0, 52),
)
def test_a_person_shares_with_themselves_every_hour_they_are_free(name, hours, week):
    """Whatever the zone and the week (a change inside it or not), someone
    is free as many hours as they said, give or take the hour a change adds
    or removes."""
    monday = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=week)
    zone = zone_of(name)
    masks = weekly_masks([zone, zone], [hours, hours], *one_week(monday))
    shared = shared_quarters(masks, 0, 1) / 4
    assert abs(shared - len(hours)) <= 1


# -- In the matcher ----------------------------------------------------------------


def person(id, country, zone, hours, **fields):
    return Applicant(
        id=id,
        email_key=f"p{id}@example.org",
        country=country,
        languages=frozenset({"es"}),
        time_zone=zone,
        availability=frozenset(hours),
        **fields,
    )


JANUARY = {
    "first_day": datetime.date(2026, 1, 12),
    "last_day": datetime.date(2026, 4, 12),
}


def test_a_pairs_reasons_say_how_many_hours_a_week_they_share():
    ana = person(1, "ES", "Europe/Madrid", MADRID_EVENINGS)
    bruno = person(2, "CL", "America/Santiago", SANTIAGO_AFTERNOONS)
    link = score_link(ana, bruno, MatchSettings(**JANUARY))
    # 12 January to 12 April: 13 weeks, of which the two after 29 March
    # (until Santiago changes on 5 April) share 20 h, the rest 15 h.
    assert link.shared_hours == pytest.approx(15.25, abs=0.25)
    assert link.availability_points == 200  # more than 6 h: full points
    assert "h a week free at the same time" in link.explain()


def test_someone_who_gave_no_availability_is_unknown_not_never_free():
    ana = person(1, "ES", "Europe/Madrid", MADRID_EVENINGS)
    nobody = person(2, "CL", "America/Santiago", [])
    settings = MatchSettings(min_shared_hours=5, **JANUARY)
    link = score_link(ana, nobody, settings)
    assert link.shared_hours is None
    assert link.availability_points == 0
    result = match_applicants([ana, nobody], settings)
    assert [p.members for p in result.pairs] == [(1, 2)]


def test_the_organisers_minimum_bars_pairs_that_share_too_little():
    ana = person(1, "ES", "Europe/Madrid", MADRID_EVENINGS)
    bruno = person(2, "CL", "America/Santiago", SANTIAGO_AFTERNOONS)
    night = person(3, "CL", "America/Santiago", hours_of_periods(["5-morning"]))
    settings = MatchSettings(min_shared_hours=5, odd_one_out="wait", **JANUARY)
    result = match_applicants([ana, bruno, night], settings)
    assert [p.members for p in result.pairs] == [(1, 2)]
    # Only Ana could be Bruno's or Night's partner (Bruno and Night share a
    # country); alone, Night shares nothing with Ana.
    alone = match_applicants([ana, night], settings)
    assert alone.pairs == ()
    assert alone.unmatched[0].reason == Reason.TOO_LITTLE_SHARED_TIME
    assert alone.unmatched[0].values == {"hours": 5}
    assert [b.rule for b in broken_rules([ana, night], settings)] == [
        Rule.TOO_LITTLE_SHARED_TIME
    ]
    assert broken_rules([ana, bruno], settings) == ()


def test_the_solver_the_trios_and_the_explanation_see_the_same_points():
    """Pool.point_matrix (the compiled pass the solver, the pricing and the
    bound read), Pool.points (trios) and Pool.link (the reasons) agree."""
    zones = ["Europe/Madrid", "America/Santiago", "Asia/Kolkata", "UTC", ""]
    rng = np.random.default_rng(7)
    people = [
        person(
            k + 1,
            ["ES", "CL", "IN", "GB", "MX"][k % 5],
            zones[k % 5],
            rng.choice(168, size=rng.integers(0, 60), replace=False).tolist(),
            utc_offset_minutes=-360 if zones[k % 5] == "" else 0,
        )
        for k in range(30)
    ]
    settings = MatchSettings(
        weights=Weights(availability=3.0), min_shared_hours=2, **JANUARY
    )
    pool = Pool(people, settings)
    matrix = pool.point_matrix()
    every = np.arange(pool.n)
    points = pool.points(every, every)
    allowed = matrix >= 0
    assert (matrix[allowed] == points[allowed]).all()
    for i, j in zip(*np.nonzero(np.triu(allowed, 1)), strict=True):
        assert pool.link(i, j).score == matrix[i, j]
    shared = shared_quarter_matrix(pool.free, every, every)
    known = pool.free.known[:, None] & pool.free.known[None, :]
    barred = known & (shared < pool.min_shared)
    np.fill_diagonal(barred, False)
    assert barred.any()
    assert not allowed[barred].any()
    assert (pool.base_rules(every)["availability"] == ~barred).all()


def test_the_weight_scales_and_full_points_come_at_six_hours():
    ana = person(1, "ES", "UTC", [9, 10, 11])
    bruno = person(2, "CL", "UTC", [9, 10, 11])
    week = {
        "first_day": datetime.date(2026, 6, 1),
        "last_day": datetime.date(2026, 6, 7),
    }
    link = score_link(
        ana, bruno, MatchSettings(weights=Weights(availability=1), **week)
    )
    assert link.shared_hours == 3
    assert link.availability_points == round(100 * 3 / FULL_OVERLAP_HOURS)
    off = score_link(ana, bruno, MatchSettings(weights=Weights(availability=0), **week))
    assert off.availability_points == 0


# -- Suggested times ------------------------------------------------------------------


def test_suggested_times_are_free_for_both_on_their_own_clocks():
    """Release on Friday 27 March 2026: the Friday evening in Madrid is at
    UTC+1, the next Monday's at UTC+2; both are Santiago afternoons."""
    after = datetime.datetime(2026, 3, 27, 9, tzinfo=datetime.UTC)
    times = suggest_times(
        [(MADRID, MADRID_EVENINGS), (SANTIAGO, SANTIAGO_AFTERNOONS)], after
    )
    assert times == [
        datetime.datetime(2026, 3, 27, 17, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 30, 16, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 31, 16, tzinfo=datetime.UTC),
    ]
    assert [t.astimezone(MADRID).hour for t in times] == [18, 18, 18]
    assert [t.astimezone(SANTIAGO).hour for t in times] == [14, 13, 13]


def test_no_suggested_time_when_no_hour_is_shared():
    after = datetime.datetime(2026, 3, 27, 9, tzinfo=datetime.UTC)
    assert suggest_times([(MADRID, [8]), (SANTIAGO, [8])], after) == []


def test_the_demo_applicants_give_availability_as_real_weeks_look():
    from program.demo_people import generate

    people = generate(3, 200)
    given = [p["availability"] for p in people]
    assert given == [p["availability"] for p in generate(3, 200)]  # same seed
    assert any(not hours for hours in given)  # some give none
    assert any(len(hours) == 4 for hours in given)  # one single block
    assert any(len(hours) == 84 for hours in given)  # every block of the week
    assert all(set(hours) <= set(range(168)) for hours in given)


def test_counting_by_hours_or_by_quarters_gives_the_same_hours():
    """A pool on whole hours is counted an hour a bit; a 45-minute zone in it
    makes every bit a quarter hour: the same pair shares the same time."""
    first, last = datetime.date(2026, 3, 2), datetime.date(2026, 4, 26)
    hours = [MADRID_EVENINGS, SANTIAGO_AFTERNOONS]
    by_hours = weekly_masks([MADRID, SANTIAGO], hours, first, last)
    by_quarters = weekly_masks(
        [MADRID, SANTIAGO, KATHMANDU], [*hours, [12]], first, last
    )
    assert (by_hours.unit, by_quarters.unit) == (4, 1)
    assert by_hours.bits.shape[-1] == 3 and by_quarters.bits.shape[-1] == 11
    assert shared_quarters(by_hours, 0, 1) == shared_quarters(by_quarters, 0, 1)


def test_the_reasons_are_said_in_the_readers_language():
    from django.utils import translation

    from program import reasons

    with translation.override("en"):
        assert reasons.shared_time(0) == "never free at the same time"
        assert reasons.shared_time(6.0) == "free at the same time 6 hours a week"
        assert reasons.unmatched(Reason.TOO_LITTLE_SHARED_TIME, {"hours": 2.5}) == (
            "No one else is free at the same times for 2.5 hours a week."
        )
        assert reasons.rule_breaks(
            [{"rule": "too_little_shared_time", "people": [1, 2]}],
            {1: "Ana", 2: "Bruno"},
        ) == (
            "Ana and Bruno are free at the same time for fewer hours a week than "
            "the round asks"
        )


ZONES = ["Europe/Madrid", "America/Santiago", "Asia/Kolkata", "Australia/Sydney", ""]


@st.composite
def rounds_with_times(draw, max_size=12):
    """Small rounds with availability in zones that change their clocks on
    different dates (and one that never does), some people giving none."""
    count = draw(st.integers(0, max_size))
    people = []
    for i in range(1, count + 1):
        blocks = draw(
            st.lists(
                st.sampled_from([f"{d}-{p}" for d in range(7) for p, *_ in PERIODS]),
                max_size=6,
            )
        )
        people.append(
            person(
                i,
                draw(st.sampled_from(["ES", "CL", "IN", "AU"])),
                draw(st.sampled_from(ZONES)),
                hours_of_periods(blocks),
                interests=draw(st.frozensets(st.sampled_from("abc"), max_size=2)),
                utc_offset_minutes=draw(st.sampled_from([0, 330, -240])),
            )
        )
    return people


@settings(max_examples=40, deadline=None)
@given(rounds_with_times(), st.sampled_from([0.0, 1.0, 4.0]), st.integers(1, 3))
def test_the_solver_and_its_bound_see_availability_as_the_rules_do(people, minimum, k):
    """Against networkx on the full graph built pair by pair from the rules
    (`broken_rules`, with its own masks per pair) and `score_link`: the most
    people matched, the best score, and the bound proven, with a candidate
    graph of k per person so that pricing must find the pairs left out."""
    import networkx as nx

    config = MatchSettings(
        first_day=datetime.date(2026, 3, 2),
        last_day=datetime.date(2026, 5, 31),
        min_shared_hours=minimum,
        odd_one_out="wait",
        candidates_per_person=k,
        exact_up_to=0,
    )
    graph = nx.Graph()
    graph.add_nodes_from(p.id for p in people)
    for x, a in enumerate(people):
        for b in people[x + 1 :]:
            if not broken_rules([a, b], config):
                graph.add_edge(a.id, b.id, weight=score_link(a, b, config).score)
    best = nx.max_weight_matching(graph, maxcardinality=True)
    exact = sum(graph[a][b]["weight"] for a, b in best)

    result = match_applicants(people, config)

    assert result.stats.matched_people == 2 * len(best)
    assert result.total_score == exact
    assert result.stats.best_possible >= exact
    assert result.stats.optimal_proven
    for pair in result.pairs:
        assert graph.has_edge(*pair.members)
