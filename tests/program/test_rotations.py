"""Speed-mentoring rotation schedules (no database)."""

import random
from collections import Counter
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program.rotations import (
    Rotation,
    Schedule,
    ScheduleError,
    Table,
    Timing,
    check_schedule,
    person_timetable,
    rotation_times,
    schedule_rotations,
    table_timetable,
)


def assert_valid(schedule, mentors, mentees, rotations, capacity):
    """Every rule, checked independently of check_schedule()."""
    assert len(schedule.rotations) == rotations
    meetings = Counter()
    sat_out = Counter()
    seated = min(len(mentees), len(mentors) * capacity)
    for rotation in schedule.rotations:
        assert [t.mentor for t in rotation.tables] == sorted(mentors)
        fill = [len(t.mentees) for t in rotation.tables]
        assert max(fill) <= capacity
        assert max(fill) - min(fill) <= 1, "tables as evenly filled as possible"
        assert sum(fill) == seated, "as many seated as the seats allow"
        placed = [m for t in rotation.tables for m in t.mentees]
        assert sorted(placed + list(rotation.sitting_out)) == sorted(mentees)
        for table in rotation.tables:
            meetings.update((table.mentor, m) for m in table.mentees)
        sat_out.update(rotation.sitting_out)
    assert all(count == 1 for count in meetings.values()), "nobody meets twice"
    outs = [sat_out[m] for m in mentees]
    if outs:
        assert max(outs) - min(outs) <= 1, "sit-outs spread evenly"
    assert check_schedule(schedule) == []


@pytest.mark.parametrize(
    ("mentors", "mentees", "rotations"), [(40, 120, 8), (200, 2000, 10)]
)
def test_the_target_events_are_scheduled_without_repeats_and_evenly(
    mentors, mentees, rotations
):
    mentor_ids = list(range(1, mentors + 1))
    mentee_ids = list(range(10_000, 10_000 + mentees))

    schedule = schedule_rotations(mentor_ids, mentee_ids, rotations, capacity=3)

    assert_valid(schedule, mentor_ids, mentee_ids, rotations, 3)


def test_with_more_mentees_than_seats_everyone_sits_out_about_as_often():
    schedule = schedule_rotations(range(1, 5), range(100, 120), 6, capacity=3)

    assert_valid(schedule, range(1, 5), list(range(100, 120)), 6, 3)
    assert {len(r.sitting_out) for r in schedule.rotations} == {8}
    sat_out = Counter(m for r in schedule.rotations for m in r.sitting_out)
    assert set(sat_out.values()) <= {2, 3}


def test_with_fewer_mentees_than_seats_the_fuller_tables_take_turns():
    # 2 mentors, 3 mentees, 2 rotations: each mentee must meet both mentors,
    # which works only if the table with two mentees changes between rotations.
    schedule = schedule_rotations([1, 2], [10, 11, 12], 2, capacity=2)

    assert_valid(schedule, [1, 2], [10, 11, 12], 2, 2)
    first, second = ([len(t.mentees) for t in r.tables] for r in schedule.rotations)
    assert first != second


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 7),
    st.integers(0, 30),
    st.integers(1, 9),
    st.integers(1, 4),
    st.integers(0, 10),
)
def test_any_event_is_either_scheduled_correctly_or_explained(
    mentors, mentees, rotations, capacity, seed
):
    mentor_ids = list(range(1, mentors + 1))
    mentee_ids = list(range(100, 100 + mentees))
    seated = min(mentees, mentors * capacity)
    per_table, swing = divmod(seated, mentors)
    feasible = mentees == 0 or (
        -(-seated * rotations // mentees) <= mentors
        and per_table * rotations + -(-swing * rotations // mentors) <= mentees
    )

    if not feasible:
        with pytest.raises(ScheduleError):
            schedule_rotations(mentor_ids, mentee_ids, rotations, capacity, seed=seed)
        return
    schedule = schedule_rotations(
        mentor_ids, mentee_ids, rotations, capacity, seed=seed
    )
    assert_valid(schedule, mentor_ids, mentee_ids, rotations, capacity)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(2, 6),
    st.integers(1, 24),
    st.integers(1, 4),
    st.data(),
)
def test_preferences_never_break_the_rules_and_are_counted(
    mentors, mentees, rotations, data
):
    rotations = min(rotations, mentors)
    mentor_ids = list(range(1, mentors + 1))
    mentee_ids = list(range(100, 100 + mentees))
    preferences = {
        mentee: data.draw(st.sets(st.sampled_from(mentor_ids), max_size=3))
        for mentee in mentee_ids
    }

    schedule = schedule_rotations(
        mentor_ids, mentee_ids, rotations, capacity=2, preferences=preferences
    )

    assert_valid(schedule, mentor_ids, mentee_ids, rotations, 2)
    met = sum(
        1 for mentor, mentee in schedule.meetings() if mentor in preferences[mentee]
    )
    assert schedule.preferences_met == met
    assert schedule.preferences_asked == sum(len(p) for p in preferences.values())


def test_preferences_are_all_honoured_when_the_tables_have_room():
    mentors = list(range(1, 11))
    mentees = list(range(100, 130))
    rng = random.Random(3)
    # Each mentor is wanted by at most 6 mentees; each table sees 3 x 4 = 12.
    wanted = [m for m in mentors for _ in range(6)]
    rng.shuffle(wanted)
    preferences = {
        mentee: {wanted[2 * k], wanted[2 * k + 1]} for k, mentee in enumerate(mentees)
    }

    schedule = schedule_rotations(
        mentors, mentees, 4, capacity=3, preferences=preferences
    )

    assert_valid(schedule, mentors, mentees, 4, 3)
    asked = sum(len(p) for p in preferences.values())
    assert schedule.preferences_met == schedule.preferences_asked == asked


def test_a_popular_mentor_is_shared_out_before_anyone_gets_a_second_wish():
    # Everyone wants mentor 1 first; mentor 1's table seats 2 x 2 = 4 over the event.
    mentees = list(range(100, 108))
    preferences = {mentee: {1} for mentee in mentees}

    schedule = schedule_rotations(
        [1, 2, 3, 4], mentees, 2, capacity=2, preferences=preferences
    )

    assert schedule.preferences_met == 4
    met_one = {mentee for mentor, mentee in schedule.meetings() if mentor == 1}
    assert len(met_one) == 4


def test_the_same_inputs_give_the_same_schedule_whatever_their_order():
    mentors, mentees = list(range(1, 9)), list(range(100, 140))
    preferences = {100: {1, 2}, 101: {2}}

    first = schedule_rotations(mentors, mentees, 5, 3, preferences, seed=7)
    again = schedule_rotations(mentors[::-1], mentees[::-1], 5, 3, preferences, seed=7)
    other = schedule_rotations(mentors, mentees, 5, 3, preferences, seed=8)

    assert first == again
    assert other != first
    assert_valid(other, mentors, mentees, 5, 3)


@pytest.mark.parametrize(
    ("mentors", "mentees", "rotations", "capacity", "message"),
    [
        ([1, 2, 3], [10, 11, 12], 4, 3, "only 3: plan at most 3 rotations"),
        (
            [1, 2],
            list(range(10, 17)),
            5,
            3,
            "need 5 different mentors but there are only 2",
        ),
        ([1], [10], 0, 3, "at least one rotation"),
        ([1], [10], 1, 0, "room for at least one"),
        ([], [10], 1, 3, "no mentors"),
        ([1, 1], [10], 1, 3, "listed twice"),
        ([1], [1], 1, 3, "both as a mentor and as a mentee"),
    ],
)
def test_impossible_events_are_explained(
    mentors, mentees, rotations, capacity, message
):
    with pytest.raises(ScheduleError, match=message):
        schedule_rotations(mentors, mentees, rotations, capacity)


def test_an_event_without_mentees_has_empty_tables():
    schedule = schedule_rotations([1, 2], [], 3)

    assert all(t.mentees == () for r in schedule.rotations for t in r.tables)


def test_check_schedule_names_broken_rules():
    broken = Schedule(
        mentors=(1, 2),
        mentees=(10, 11, 12),
        capacity=2,
        rotations=(
            Rotation(1, (Table(1, (10, 11, 12)), Table(2, ())), ()),
            Rotation(2, (Table(1, (10,)), Table(2, (11,))), ()),
        ),
        preferences_asked=0,
        preferences_met=0,
    )

    assert check_schedule(broken) == [
        "10 meets 1 twice",
        "rotation 1: a table is over capacity",
        "rotation 1: tables are uneven",
        "rotation 2: someone is in two places",
    ]


TIMING = Timing(
    start=datetime(2025, 3, 6, 18, 0),
    minutes=10,
    changeover_minutes=2,
    break_after=2,
    break_minutes=15,
)


def test_rotation_times_follow_the_timing_with_a_break():
    times = rotation_times(3, TIMING)

    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in times] == [
        ("18:00", "18:10"),
        ("18:12", "18:22"),
        ("18:39", "18:49"),
    ]


def test_timetables_per_table_and_per_person_agree_with_the_schedule():
    schedule = schedule_rotations([1, 2], [10, 11, 12, 13, 14], 2, capacity=2)

    tables = table_timetable(schedule, TIMING)
    people = person_timetable(schedule, TIMING)

    assert set(tables) == {1, 2}
    assert [slot.rotation for slot in tables[1]] == [1, 2]
    assert tables[1][1].start == datetime(2025, 3, 6, 18, 12)
    for rotation in schedule.rotations:
        for table in rotation.tables:
            for mentee in table.mentees:
                assert people[mentee][rotation.number - 1].mentor == table.mentor
        for mentee in rotation.sitting_out:
            assert people[mentee][rotation.number - 1].mentor is None
