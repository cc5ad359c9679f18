"""The matcher's reasons reach organisers in their own admin language: why
someone is unmatched, which rules a locked match breaks, why a match was
made, why a run failed. The database keeps codes; the words are chosen
when the page is shown.

Sentences new to the catalogues are checked as `gettext(msgid) % values`
under the organiser's language, so these tests hold before and after the
translators fill them in; words the catalogues already translate (language
and country names, older messages) are checked in Spanish."""

import csv
import io

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from wagtail.users.models import UserProfile

from program import reasons
from program.factories import ApplicationFactory
from program.matching import Reason, Rule
from program.models import Match, MatchingRun
from program.rotations import SCHEDULE_ERRORS, ScheduleError
from program.storage import pair_by_hand, run_matching
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched_round(round_page):
    """Ana and Bea (both ES) paired by hand, breaking a rule; Cy (GB) and Di
    (FR) matched, sharing English and Spanish; Eri (JP) speaks only Japanese."""
    people = {
        name: ApplicationFactory(
            round=round_page, name=name, country=country, languages=languages
        )
        for name, country, languages in (
            ("Ana", "ES", ["en"]),
            ("Bea", "ES", ["en"]),
            ("Cy", "GB", ["en", "es"]),
            ("Di", "FR", ["en", "es"]),
            ("Eri", "JP", ["ja"]),
        )
    }
    pair_by_hand(round_page, [people["Ana"].pk, people["Bea"].pk])
    run_matching(round_page)
    return people


def organiser(client, language):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def test_a_spanish_organiser_reads_the_reasons_on_the_desk_in_spanish(
    client, round_page, matched_round
):
    organiser(client, "es")

    page = client.get(f"/admin/program/matching/{round_page.pk}/").text

    assert 'lang="es"' in page
    with translation.override("es"):
        unmatched = gettext("No one shares a language.")
        broken = gettext("%(a)s and %(b)s are from the same country") % {
            "a": "Ana",
            "b": "Bea",
        }
        # Language names are translated already: the words are Spanish now.
        shared = gettext("shared languages: %(languages)s") % {
            "languages": "Inglés, Español"
        }
    for words in (unmatched, broken, shared):
        assert escape(words) in page
    # Not the matcher's English, which the database no longer keeps.
    assert "no one shares a language" not in page
    assert "1 and 2" not in page


def test_the_same_desk_is_in_english_for_an_english_organiser(
    client, round_page, matched_round
):
    organiser(client, "en")

    page = client.get(f"/admin/program/matching/{round_page.pk}/").text

    assert "No one shares a language." in page
    assert "Ana and Bea are from the same country" in page
    assert "shared languages: English, Spanish" in page


def test_the_applications_listing_words_the_reason_in_the_admin_language(
    client, matched_round
):
    organiser(client, "es")

    page = client.get("/admin/program_applications/").text

    with translation.override("es"):
        assert escape(gettext("No one shares a language.")) in page
    eri = matched_round["Eri"]
    assert (
        client.get(f"/admin/program_applications/inspect/{eri.pk}/").status_code == 200
    )


def test_the_match_inspect_view_words_the_broken_rules(client, matched_round):
    organiser(client, "es")
    locked = Match.objects.get(locked=True)

    page = client.get(f"/admin/program_matches/inspect/{locked.pk}/").text

    with translation.override("es"):
        broken = gettext("%(a)s and %(b)s are from the same country") % {
            "a": "Ana",
            "b": "Bea",
        }
    assert escape(broken) in page
    assert "same_country" not in page


def test_the_csv_export_is_in_the_organisers_language(
    client, round_page, matched_round
):
    organiser(client, "es")

    response = client.get(f"/admin/program/matching/{round_page.pk}/export.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    why = {row["member"]: row["explanation"] for row in rows}
    with translation.override("es"):
        assert why["Eri"] == gettext("No one shares a language.")
    assert "Inglés, Español" in why["Cy"]


def test_a_failed_run_is_explained_in_the_language_of_whoever_reads_it(
    client, round_page
):
    # Recorded as a code by whichever process noticed, in whatever language.
    MatchingRun.objects.create(
        round=round_page, status="failed", failure=MatchingRun.Failure.INTERRUPTED
    )
    organiser(client, "es")

    page = client.get(f"/admin/program/matching/{round_page.pk}/").text

    assert "Se detuvo sin terminar" in page


@pytest.mark.parametrize(
    ("cap", "english", "spanish_country"),
    [
        (1, "(1 person).", "Reino Unido"),
        (3, "(3 people).", "Reino Unido"),
    ],
)
def test_a_country_cap_names_the_country_and_counts_the_cap(
    cap, english, spanish_country
):
    values = {"country": "GB", "cap": cap}

    assert reasons.unmatched(Reason.COUNTRY_CAP, values) == (
        "Country cap: United Kingdom already has its share of places " + english
    )
    with translation.override("es"):
        spanish = reasons.unmatched(Reason.COUNTRY_CAP, values)
        assert spanish == ngettext(
            "Country cap: %(country)s already has its share of places "
            "(%(cap)d person).",
            "Country cap: %(country)s already has its share of places "
            "(%(cap)d people).",
            cap,
        ) % {"country": spanish_country, "cap": cap}


VARIANTS = [
    (Reason.DUPLICATE_APPLICATION, {"kept": 7}),
    (Reason.NO_ROLE, {}),
    (Reason.NO_ONE_ELSE, {}),
    (Reason.NO_ONE_ELSE, {"partner": "mentor"}),
    (Reason.NO_ONE_ELSE, {"partner": "mentee"}),
    (Reason.NO_SHARED_LANGUAGE, {}),
    (Reason.NO_SHARED_LANGUAGE, {"partner": "mentor"}),
    (Reason.NO_SHARED_LANGUAGE, {"partner": "mentee"}),
    (Reason.ONLY_SAME_COUNTRY, {}),
    (Reason.ONLY_PREVIOUS_PARTNERS, {}),
    (Reason.ONLY_EXCLUDED, {}),
    (Reason.TOO_LITTLE_SHARED_TIME, {"hours": 2}),
    (Reason.TOO_LITTLE_SHARED_TIME, {}),
    (Reason.COUNTRY_CAP, {"country": "GB", "cap": 2}),
    (Reason.COUNTRY_CAP, {"country": "GB"}),  # recorded before caps were kept
    (Reason.ODD_ONE_OUT, {"odd_one_out": "trio"}),
    (Reason.ODD_ONE_OUT, {"odd_one_out": "wait"}),
]


def test_every_reason_has_its_own_sentence():
    assert {reason for reason, _values in VARIANTS} == set(Reason)
    sentences = [reasons.unmatched(reason, values) for reason, values in VARIANTS]
    assert len(set(sentences)) == len(VARIANTS)
    assert all(s[0].isupper() and s.endswith(".") for s in sentences)
    assert reasons.unmatched(Reason.DUPLICATE_APPLICATION, {"kept": 7}) == (
        "Another application by the same person (#7) is used."
    )


def test_every_broken_rule_and_schedule_error_has_words():
    assert set(reasons.RULE_BREAKS) == set(Rule)
    assert set(reasons.SCHEDULE_ERRORS) | {"too_many_rotations"} == set(SCHEDULE_ERRORS)
    breaks = [{"rule": str(rule), "people": [1, 2]} for rule in Rule]
    breaks[-1]["people"] = []  # the group rule
    assert reasons.rule_breaks(breaks, {1: "Ana", 2: "Bo"}).split("; ") == [
        "Ana and Bo are the same person",
        "Ana and Bo were partners before",
        "Ana and Bo are from the same country",
        "Ana and Bo share no language",
        "Ana and Bo were unpaired by the organiser",
        "Ana and Bo are free at the same time for fewer hours a week than the "
        "round asks",
        "a group needs a mentor and a mentee",
    ]


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "same time zone"),
        (60, "1 hour apart"),
        (180, "3 hours apart"),
        (45, "45 minutes apart"),
        (330, "5 h 30 min apart"),
    ],
)
def test_time_zones_apart_are_counted_in_words(minutes, words):
    assert reasons.time_apart(minutes) == words


def test_a_trio_is_explained_link_by_link_with_names():
    link = {"shared_languages": ["fr"], "career_stage_gap": -1, "minutes_apart": 0}
    breakdown = {"links": [{"a": 1, "b": 2, **link}, {"a": 1, "b": 3, **link}]}

    words = reasons.match_explanation(
        breakdown, {1: "Ana", 2: "Bo", 3: "Cy"}, {"fr": "French"}, {}
    )

    assert words == (
        "Ana and Bo: shared languages: French; 1 career stage apart; same time zone"
        " | Ana and Cy: shared languages: French; 1 career stage apart; "
        "same time zone"
    )


def test_a_timetable_that_cannot_be_made_counts_in_the_readers_language():
    error = ScheduleError("too_many_rotations", needed=5, mentors=1, most=1)

    assert reasons.schedule_error(error) == (
        "each mentee would have to meet 5 different mentors; "
        "there is only 1 mentor; plan at most 1 rotation"
    )
    with translation.override("ar"):
        assert reasons.schedule_error(error).split("; ")[1] == ngettext(
            "there is only %(count)d mentor", "there are only %(count)d mentors", 1
        ) % {"count": 1}
