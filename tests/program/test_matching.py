"""Behaviour of the partner matcher on small, hand-made rounds (no database)."""

import random

import pytest

from program.matching import (
    Applicant,
    MatchInputError,
    MatchSettings,
    Reason,
    Weights,
    match_applicants,
    rule_breaks,
    score_link,
)


def person(id, country="GB", languages=("en",), **fields):
    fields.setdefault("email_key", f"p{id}@example.org")
    return Applicant(id=id, country=country, languages=frozenset(languages), **fields)


def reasons(result):
    return {u.applicant_id: u.reason for u in result.unmatched}


def members(result):
    return {p.members for p in result.pairs}


@pytest.mark.parametrize("count", [0, 1])
def test_tiny_rounds_explain_that_no_pair_is_possible(count):
    result = match_applicants([person(i, country=f"C{i}") for i in range(count)])

    assert result.pairs == ()
    assert result.stats.matched_people == 0
    assert [u.reason for u in result.unmatched] == [Reason.NO_ONE_ELSE] * count


def test_two_compatible_people_make_a_pair():
    result = match_applicants([person(1, "GB"), person(2, "ES")])

    assert members(result) == {(1, 2)}
    assert result.unmatched == ()


def test_two_people_from_one_country_are_not_paired_by_default():
    result = match_applicants([person(1, "GB"), person(2, " gb ")])

    assert result.pairs == ()
    assert set(reasons(result).values()) == {Reason.ONLY_SAME_COUNTRY}


def test_same_country_is_allowed_when_the_organiser_says_so():
    settings = MatchSettings(allow_same_country=True)

    result = match_applicants([person(1, "GB"), person(2, "GB")], settings)

    assert members(result) == {(1, 2)}


def test_people_without_a_shared_language_are_not_paired():
    result = match_applicants(
        [person(1, "GB", ["en"]), person(2, "ES", ["es"]), person(3, "FR", ["fr"])]
    )

    assert result.pairs == ()
    assert set(reasons(result).values()) == {Reason.NO_SHARED_LANGUAGE}
    assert result.unmatched[0].detail == "no one shares a language"


def test_language_codes_are_compared_without_case():
    result = match_applicants([person(1, "GB", ["EN"]), person(2, "ES", ["en "])])

    assert members(result) == {(1, 2)}


def test_two_applications_of_one_person_are_never_paired_together():
    applicants = [
        person(1, "GB", email_key="Ana@Example.org"),
        person(2, "ES", email_key=" ana@example.org"),
    ]

    result = match_applicants(applicants)

    assert result.pairs == ()
    duplicate = next(u for u in result.unmatched if u.applicant_id == 2)
    assert duplicate.reason is Reason.DUPLICATE_APPLICATION
    assert duplicate.related_ids == (1,)


def test_a_duplicate_application_leaves_the_person_matchable_once():
    applicants = [
        person(1, "GB", email_key="ana@example.org"),
        person(2, "ES", email_key="ANA@example.org"),
        person(3, "FR"),
    ]

    result = match_applicants(applicants)

    assert members(result) == {(1, 3)}
    assert reasons(result) == {2: Reason.DUPLICATE_APPLICATION}


@pytest.mark.parametrize("named_by", ["email_key", "id"])
def test_previous_partners_are_never_paired_again(named_by):
    old = "p2@example.org" if named_by == "email_key" else 2
    applicants = [person(1, "GB", previous_partners=frozenset({old})), person(2, "ES")]

    result = match_applicants(applicants)

    assert result.pairs == ()
    assert set(reasons(result).values()) == {Reason.ONLY_PREVIOUS_PARTNERS}


@pytest.mark.parametrize(
    "history",
    [
        # Ben names Ana's duplicate application as his partner of last round.
        {"ben": frozenset({3}), "duplicate": frozenset()},
        # Ana's duplicate application names Ben (by email key, then by id).
        {"ben": frozenset(), "duplicate": frozenset({"p2@example.org"})},
        {"ben": frozenset(), "duplicate": frozenset({2})},
    ],
)
def test_a_previous_partner_named_through_a_duplicate_application_is_barred(
    history,
):
    ana = person(1, "GB", email_key="ana@example.org")
    ben = person(2, "ES", previous_partners=history["ben"])
    ana_again = person(
        3,
        "GB",
        email_key=" ANA@example.org",
        previous_partners=history["duplicate"],
    )

    result = match_applicants([ana, ben, ana_again])

    assert result.pairs == ()
    assert reasons(result) == {
        1: Reason.ONLY_PREVIOUS_PARTNERS,
        2: Reason.ONLY_PREVIOUS_PARTNERS,
        3: Reason.DUPLICATE_APPLICATION,
    }


def test_previous_partner_keys_are_compared_without_case():
    applicants = [
        person(1, "GB", email_key="ana@x.org"),
        person(2, "ES", previous_partners=frozenset({"ANA@x.org"})),
        person(3, "FR"),
    ]

    result = match_applicants(applicants, MatchSettings(odd_one_out="wait"))

    assert len(result.pairs) == 1
    assert (1, 2) not in members(result)


def test_mentor_mentee_mode_pairs_only_mentors_with_mentees():
    applicants = [
        person(1, "GB", role="mentor"),
        person(2, "ES", role="mentor"),
        person(3, "FR", role="mentee"),
        person(4, "DE", role="mentee"),
        person(5, "IT", role=""),
    ]
    settings = MatchSettings(mode="mentor_mentee", odd_one_out="wait")

    result = match_applicants(applicants, settings)

    assert len(result.pairs) == 2
    for pair in result.pairs:
        assert len(pair.mentors) == 1
    assert reasons(result) == {5: Reason.NO_ROLE}


def test_mentor_mentee_mode_says_when_there_is_no_mentor():
    applicants = [person(1, "GB", role="mentee"), person(2, "ES", role="mentee")]

    result = match_applicants(applicants, MatchSettings(mode="mentor_mentee"))

    assert result.pairs == ()
    assert result.unmatched[0].detail == "no mentor is in the pool"


def test_excluded_pairs_are_not_proposed_again():
    applicants = [person(1, "GB"), person(2, "ES"), person(3, "FR"), person(4, "DE")]
    first = match_applicants(applicants, MatchSettings(seed=1))
    unpaired = first.pairs[0].members

    settings = MatchSettings(seed=1, excluded=(unpaired,))
    second = match_applicants(applicants, settings)

    assert unpaired not in members(second)
    assert second.stats.matched_people == 4


def test_an_only_compatible_excluded_pair_is_explained():
    settings = MatchSettings(excluded=((1, 2),))

    result = match_applicants([person(1, "GB"), person(2, "ES")], settings)

    assert set(reasons(result).values()) == {Reason.ONLY_EXCLUDED}


def test_locked_pairs_are_kept_and_their_people_leave_the_pool():
    applicants = [person(i, f"C{i}") for i in range(1, 7)]
    settings = MatchSettings(locked=((5, 2),))

    result = match_applicants(applicants, settings)

    locked = [p for p in result.pairs if p.locked]
    assert [p.members for p in locked] == [(2, 5)]
    assert locked[0].warnings == ()
    others = [m for p in result.pairs if not p.locked for m in p.members]
    assert sorted(others) == [1, 3, 4, 6]


def test_a_locked_pair_that_breaks_a_rule_is_kept_with_a_warning():
    applicants = [person(1, "GB"), person(2, "GB"), person(3, "ES")]

    result = match_applicants(applicants, MatchSettings(locked=((1, 2),)))

    locked = next(p for p in result.pairs if p.locked)
    assert locked.warnings == ("1 and 2 are from the same country",)


@pytest.mark.parametrize(
    ("locked", "message"),
    [
        (((1, 9),), "no application 9"),
        (((1, 2),), "duplicate"),
        (((1, 3), (3, 4)), "two locked groups"),
        (((1,),), "2 or 3 people"),
    ],
)
def test_impossible_locks_are_refused(locked, message):
    applicants = [
        person(1, "GB"),
        person(2, "ES", email_key="p1@example.org"),
        person(3, "FR"),
        person(4, "DE"),
    ]

    with pytest.raises(MatchInputError, match=message):
        match_applicants(applicants, MatchSettings(locked=locked))


def test_repeated_application_ids_are_refused():
    with pytest.raises(MatchInputError):
        match_applicants([person(1, "GB"), person(1, "ES")])


@pytest.mark.parametrize(
    "bad",
    [
        MatchSettings(mode="pairs"),  # type: ignore[arg-type]
        MatchSettings(objective="fast"),  # type: ignore[arg-type]
        MatchSettings(odd_one_out="skip"),  # type: ignore[arg-type]
        MatchSettings(max_country_share=0),
        MatchSettings(weights=Weights(interests=-1)),
        MatchSettings(candidates_per_person=0),
    ],
)
def test_bad_settings_are_refused(bad):
    with pytest.raises(MatchInputError):
        match_applicants([], bad)


def test_the_odd_one_out_joins_the_best_pair_as_a_trio():
    applicants = [
        person(1, "GB", interests=frozenset({"outreach"})),
        person(2, "ES", interests=frozenset({"outreach"})),
        person(3, "FR", interests=frozenset({"metadata"})),
        person(4, "DE", interests=frozenset({"metadata"})),
        person(5, "IT", interests=frozenset({"metadata"})),
    ]

    result = match_applicants(applicants, MatchSettings(odd_one_out="trio"))

    assert result.unmatched == ()
    assert result.stats.trios == 1
    trio = next(p for p in result.pairs if p.is_trio)
    assert set(trio.members) == {3, 4, 5}
    assert len(trio.links) == 3


def test_the_odd_one_out_waits_when_the_organiser_chooses_so():
    applicants = [person(i, f"C{i}") for i in range(5)]

    result = match_applicants(applicants, MatchSettings(odd_one_out="wait"))

    assert result.stats.matched_people == 4
    (waiting,) = result.unmatched
    assert waiting.reason is Reason.ODD_ONE_OUT
    assert waiting.detail == "odd one out: waiting for next round"


def test_a_trio_needs_someone_compatible_with_both():
    applicants = [
        person(1, "GB", ["en", "es"]),
        person(2, "ES", ["es"]),
        person(3, "FR", ["en"]),
    ]

    result = match_applicants(applicants, MatchSettings(odd_one_out="trio"))

    assert result.stats.matched_people == 2
    assert reasons(result) == {3: Reason.ODD_ONE_OUT} or reasons(result) == {
        2: Reason.ODD_ONE_OUT
    }


def test_in_mentor_mode_a_spare_mentee_joins_a_mentor():
    applicants = [
        person(1, "GB", role="mentor"),
        person(2, "ES", role="mentee"),
        person(3, "FR", role="mentee"),
    ]
    settings = MatchSettings(mode="mentor_mentee", odd_one_out="trio")

    result = match_applicants(applicants, settings)

    (trio,) = result.pairs
    assert trio.members == (1, 2, 3)
    assert trio.mentors == (1,)
    assert len(trio.links) == 2  # the mentees are not each other's partners


def test_the_country_cap_limits_any_country_share_of_the_matched():
    # Five from GB, one each from three other countries; same country allowed.
    applicants = [person(i, "GB") for i in range(1, 6)]
    applicants += [person(6, "ES"), person(7, "FR"), person(8, "DE")]
    settings = MatchSettings(
        allow_same_country=True, max_country_share=0.5, odd_one_out="wait"
    )

    result = match_applicants(applicants, settings)

    matched = [m for p in result.pairs for m in p.members]
    assert len(matched) == 6
    assert sum(1 for m in matched if m <= 5) == 3
    capped = [u for u in result.unmatched if u.reason is Reason.COUNTRY_CAP]
    assert len(capped) == 2
    assert capped[0].detail == "country cap: GB already has its share of places"


def test_objective_max_people_prefers_more_pairs_and_max_score_the_best_pair():
    # A path a-b-c-d: b-c is a great pair, a-b and c-d are poor ones.
    good = {"interests": frozenset({"x", "y"}), "sector": "public"}
    applicants = [
        person(1, "GB", ["aa"], utc_offset_minutes=720),
        person(2, "ES", ["aa", "bb"], **good),
        person(3, "FR", ["bb", "cc"], **good),
        person(4, "DE", ["cc"], utc_offset_minutes=720),
    ]

    most = match_applicants(applicants, MatchSettings(odd_one_out="wait"))
    best = match_applicants(
        applicants, MatchSettings(objective="max_score", odd_one_out="wait")
    )

    assert members(most) == {(1, 2), (3, 4)}
    assert members(best) == {(2, 3)}
    assert best.total_score > most.total_score


def test_every_pair_explains_itself_with_data_and_words():
    a = person(
        1,
        "MX",
        ["es", "en"],
        interests=frozenset({"outreach", "cataloguing", "music"}),
        sector="Public",
        career_stage="senior",
        utc_offset_minutes=-360,
    )
    b = person(
        2,
        "ES",
        ["es"],
        interests=frozenset({"outreach", "cataloguing"}),
        sector="public",
        career_stage="early",
        utc_offset_minutes=-240,
    )

    (pair,) = match_applicants([a, b]).pairs
    (link,) = pair.links

    assert link.shared_languages == ("es",)
    assert link.shared_interests == ("cataloguing", "outreach")
    assert link.same_sector == "public"
    assert link.career_stage_gap == 2
    assert link.minutes_apart == 120
    assert (link.interest_points, link.sector_points) == (400, 100)
    assert (link.career_stage_points, link.timezone_points) == (100, 167)
    assert pair.score == link.score == 767
    assert pair.explain() == (
        "shared: Spanish; interests: cataloguing, outreach; same sector: public; "
        "career stages 2 apart; 2 h apart"
    )


def test_time_zones_are_compared_around_the_clock():
    a = person(1, "NZ", utc_offset_minutes=13 * 60)
    b = person(2, "US", utc_offset_minutes=-10 * 60)

    assert score_link(a, b, MatchSettings()).minutes_apart == 60


def test_weights_change_the_points():
    a = person(1, "GB", interests=frozenset({"x"}))
    b = person(2, "ES", interests=frozenset({"x"}))
    settings = MatchSettings(weights=Weights(interests=1, timezone=0))

    link = score_link(a, b, settings)

    assert (link.interest_points, link.timezone_points) == (100, 0)


def test_rule_breaks_names_every_broken_rule():
    a = person(1, "GB", ["en"], email_key="a@x", previous_partners=frozenset({2}))
    b = person(2, "gb", ["es"], email_key="A@x")

    assert rule_breaks([a, b], MatchSettings(excluded=((2, 1),))) == (
        "1 and 2 are the same person",
        "1 and 2 were partners before",
        "1 and 2 are from the same country",
        "1 and 2 share no language",
        "1 and 2 were unpaired by the organiser",
    )


def test_the_order_of_the_applications_does_not_matter():
    rng = random.Random(7)
    applicants = [
        person(
            i,
            f"C{rng.randrange(6)}",
            rng.sample(["en", "es", "fr"], rng.randint(1, 2)),
            interests=frozenset(rng.sample(["a", "b", "c", "d"], 2)),
            utc_offset_minutes=60 * rng.randrange(-8, 9),
        )
        for i in range(40)
    ]
    shuffled = applicants[:]
    rng.shuffle(shuffled)

    assert match_applicants(applicants) == match_applicants(shuffled)


def test_the_seed_only_chooses_between_equally_good_answers():
    # Everyone is equally good with everyone: only the seed decides.
    applicants = [person(i, f"C{i}") for i in range(12)]

    results = [match_applicants(applicants, MatchSettings(seed=s)) for s in range(6)]

    assert len({r.total_score for r in results}) == 1
    assert len({frozenset(members(r)) for r in results}) > 1
    assert match_applicants(applicants, MatchSettings(seed=3)) == results[3]


def test_a_round_where_nobody_fits_explains_everyone():
    applicants = [person(i, "GB", [f"l{i % 2}"]) for i in range(6)]

    result = match_applicants(applicants)

    assert result.pairs == ()
    assert len(result.unmatched) == 6
    assert all(u.detail for u in result.unmatched)


def test_a_sparse_candidate_graph_still_matches_everyone_who_can_be():
    # Everyone's single best candidate is person 1, so the candidate graph with
    # one candidate each is a star; the blossom search must bring the rest back.
    hub = person(1, "GB", interests=frozenset("abcdef"))
    others = [
        person(i, f"C{i}", interests=frozenset("abcdef"[i % 6]), utc_offset_minutes=0)
        for i in range(2, 11)
    ]
    settings = MatchSettings(candidates_per_person=1, exact_up_to=0, odd_one_out="wait")

    result = match_applicants([hub, *others], settings)

    assert result.stats.matched_people == 10
    assert result.stats.max_people_certified
    assert not result.stats.exact_graph
