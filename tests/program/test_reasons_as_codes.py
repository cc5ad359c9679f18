"""The pure modules give their reasons as codes and values, not sentences: why
someone is unmatched, which rules a group breaks, why a timetable cannot be
made (the site words them in each reader's language). No database."""

import pytest

from program.matching import (
    Applicant,
    MatchSettings,
    Reason,
    Rule,
    RuleBreak,
    broken_rules,
    match_applicants,
    rule_breaks,
)
from program.rotations import SCHEDULE_ERRORS, ScheduleError, schedule_rotations


def person(id, country="GB", languages=("en",), **fields):
    fields.setdefault("email_key", f"p{id}@example.org")
    return Applicant(id=id, country=country, languages=frozenset(languages), **fields)


def why(result):
    return {u.applicant_id: (u.reason, dict(u.values)) for u in result.unmatched}


@pytest.mark.parametrize(
    ("applicants", "match_settings", "expected"),
    [
        ([person(1)], MatchSettings(), {1: (Reason.NO_ONE_ELSE, {})}),
        (
            [person(1, role="mentee")],
            MatchSettings(mode="mentor_mentee"),
            {1: (Reason.NO_ONE_ELSE, {"partner": "mentor"})},
        ),
        (
            [
                person(1, role="mentor", languages=["ja"]),
                person(2, "ES", role="mentee"),
            ],
            MatchSettings(mode="mentor_mentee"),
            {
                1: (Reason.NO_SHARED_LANGUAGE, {"partner": "mentee"}),
                2: (Reason.NO_SHARED_LANGUAGE, {"partner": "mentor"}),
            },
        ),
        (
            [person(1), person(2, "ES"), person(3, email_key="P1@example.org")],
            MatchSettings(),
            {3: (Reason.DUPLICATE_APPLICATION, {"kept": 1})},
        ),
        (
            [person(1), person(2, "ES", role="")],
            MatchSettings(mode="mentor_mentee"),
            {
                1: (Reason.NO_ROLE, {}),
                2: (Reason.NO_ROLE, {}),
            },
        ),
        (
            [
                # 1 and 2 share an interest: 3 is the one left out.
                person(1, interests=frozenset({"outreach"})),
                person(2, "ES", interests=frozenset({"outreach"})),
                person(3, "FR"),
            ],
            MatchSettings(odd_one_out="wait"),
            {3: (Reason.ODD_ONE_OUT, {"odd_one_out": "wait"})},
        ),
    ],
)
def test_the_unmatched_carry_a_code_and_the_values_its_sentence_needs(
    applicants, match_settings, expected
):
    assert why(match_applicants(applicants, match_settings)) == expected


def test_a_country_cap_gives_the_country_and_its_cap():
    applicants = [person(i, "GB") for i in range(1, 6)]
    applicants += [person(6, "ES"), person(7, "FR"), person(8, "DE")]
    settings = MatchSettings(
        allow_same_country=True, max_country_share=0.5, odd_one_out="wait"
    )

    capped = match_applicants(applicants, settings).unmatched

    # Six people are matched, so at most 3 from one country.
    assert [(u.reason, u.values) for u in capped] == [
        (Reason.COUNTRY_CAP, {"country": "GB", "cap": 3})
    ] * 2
    # The English words come from the same code and values.
    assert capped[0].detail == "country cap: GB already has its share of places"


def test_broken_rules_are_codes_with_the_two_people_concerned():
    a = person(1, "GB", ["en"], email_key="a@x", previous_partners=frozenset({2}))
    b = person(2, "gb", ["es"], email_key="A@x")
    settings = MatchSettings(excluded=((2, 1),))

    breaks = broken_rules([a, b], settings)

    assert breaks == tuple(
        RuleBreak(rule, (1, 2))
        for rule in (
            Rule.SAME_PERSON,
            Rule.PREVIOUS_PARTNERS,
            Rule.SAME_COUNTRY,
            Rule.NO_SHARED_LANGUAGE,
            Rule.UNPAIRED_BY_ORGANISER,
        )
    )
    # rule_breaks() says the same in English, naming people as asked.
    assert rule_breaks([a, b], settings, {1: "Ana"})[2] == (
        "Ana and 2 are from the same country"
    )


def test_a_group_without_a_mentor_breaks_a_rule_about_nobody_in_particular():
    mentees = [person(1, role="mentee"), person(2, "ES", role="mentee")]

    breaks = broken_rules(mentees, MatchSettings(mode="mentor_mentee"))

    assert breaks == (RuleBreak(Rule.NEEDS_MENTOR_AND_MENTEE, ()),)


def test_a_locked_group_carries_its_broken_rules_as_codes():
    applicants = [person(1, "GB"), person(2, "GB"), person(3, "ES")]

    result = match_applicants(applicants, MatchSettings(locked=((1, 2),)))

    locked = next(p for p in result.pairs if p.locked)
    assert locked.breaks == (RuleBreak(Rule.SAME_COUNTRY, (1, 2)),)


@pytest.mark.parametrize(
    ("mentors", "mentees", "rotations", "capacity", "code", "values"),
    [
        (
            [1, 2],
            list(range(10, 17)),
            5,
            3,
            "too_many_rotations",
            {"needed": 5, "mentors": 2, "most": 2},
        ),
        ([1], [10], 0, 3, "no_rotations", {}),
        ([1], [10], 1, 0, "no_room", {}),
        ([], [10], 1, 3, "no_mentors", {}),
        ([1, 1], [10], 1, 3, "listed_twice", {}),
        ([1], [1], 1, 3, "mentor_and_mentee", {}),
    ],
)
def test_a_schedule_error_carries_a_code_and_its_numbers(
    mentors, mentees, rotations, capacity, code, values
):
    with pytest.raises(ScheduleError) as caught:
        schedule_rotations(mentors, mentees, rotations, capacity)

    assert (caught.value.code, caught.value.values) == (code, values)
    assert str(caught.value) == SCHEDULE_ERRORS[code].format(**values)
