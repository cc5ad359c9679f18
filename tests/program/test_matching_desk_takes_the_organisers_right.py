"""The Matching desk and everything that changes a round's state (running
matching, pairing, swapping, locking, releasing, re-sending, reminding,
exports of who was matched with whom) take the organisers' right
(`program.change_match`), never a page right: the demo's editor@ (every
page) and traductora@ (the Spanish pages) find every door shut, GET or
POST, for the English and the Spanish round; a translator cannot move a
round's dates through the Spanish page. Logged in as the demo's own
accounts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from program.models import Application, Match, MatchSeat, RoundPage
from tests.demo_accounts import client_of
from website.models import OutboxMessage


@pytest.fixture
def rounds(demo_for_the_module, db):
    """Round 3 (matched and released) in English and Spanish."""
    english = RoundPage.objects.get(locale__language_code="en", number=3)
    spanish = RoundPage.objects.get(locale__language_code="es", number=3)
    return english, spanish


def doors(page):
    match = Match.objects.filter(round__translation_key=page.translation_key).first()
    seat = MatchSeat.objects.filter(match=match).first()
    gets = [
        reverse("program_matching"),
        reverse("program_round_desk", args=[page.pk]),
        reverse("program_matching_progress", args=[page.pk]),
        reverse("program_export", args=[page.pk]),
    ]
    posts = (
        [
            reverse(name, args=[page.pk])
            for name in (
                "program_run_matching",
                "program_release",
                "program_pair",
                "program_swap",
                "program_remind",
            )
        ]
        + [
            reverse("program_match_action", args=[page.pk, match.pk, action])
            for action in ("lock", "unlock", "rematch", "unpair")
        ]
        + [reverse("program_resend", args=[page.pk, seat.pk])]
    )
    return [("get", url) for url in gets] + [
        (method, url) for url in posts for method in ("post", "get")
    ]


def state():
    return (
        list(Match.objects.order_by("pk").values_list("status", "locked")),
        list(MatchSeat.objects.order_by("pk").values_list("match", "sends")),
        OutboxMessage.objects.count(),
        list(RoundPage.objects.order_by("pk").values_list("matches_released")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email",
    ["traductora@example.org", "editor@example.org"],
    ids=["translator", "editor"],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_door_of_the_matching_desk_is_shut_to_translators_and_editors(
    rounds, email, language
):
    english, spanish = rounds
    client = client_of(email)
    before = state()
    applicant = Application.objects.filter(round=english).first()
    for method, url in doors(english if language == "en" else spanish):
        if method == "post":
            response = client.post(
                url, {"batch_size": 5, "interval_hours": 0, "members": [1, 2]}
            )
        else:
            response = client.get(url)
        assert response.status_code == 403, (method, url)
        assert applicant.email not in response.text
    assert state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email",
    ["traductora@example.org", "editor@example.org"],
    ids=["translator", "editor"],
)
def test_applications_and_matches_are_not_theirs_to_change(rounds, email):
    english, _spanish = rounds
    client = client_of(email)
    match = Match.objects.filter(round=english).first()
    applicant = Application.objects.filter(round=english).first()
    before = state()
    for url in (
        reverse("program_applications:index"),
        reverse("program_applications:edit", args=[applicant.pk]),
        reverse("program_matches:edit", args=[match.pk]),
    ):
        response = client.get(url)
        assert response.status_code != 200, url
        assert applicant.email not in response.text
    client.post(
        reverse("program_matches:edit", args=[match.pk]),
        {"locked": "on", "connected": "on"},
    )
    assert state() == before


@pytest.mark.django_db
def test_organisers_work_on_the_source_round_from_either_language(rounds):
    english, spanish = rounds
    organiser = client_of("organiser@example.org")
    response = organiser.get(reverse("program_round_desk", args=[spanish.pk]))
    assert response.status_code == 200
    assert response.context["round_page"].pk == english.pk
    export = organiser.get(reverse("program_export", args=[spanish.pk]))
    assert export.status_code == 200
    assert Application.objects.filter(round=english).first().email in export.text


@pytest.mark.django_db
def test_a_translator_cannot_move_a_rounds_dates_through_the_spanish_page(rounds):
    english, spanish = rounds
    translator = client_of("traductora@example.org")
    url = reverse("wagtailadmin_pages:edit", args=[spanish.pk])
    response = translator.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    later = timezone.localtime(timezone.now() + datetime.timedelta(days=400))
    data["title"] = "Ronda 3 (revisada)"
    data["applications_close_at"] = later.strftime("%Y-%m-%d %H:%M")
    data["ends_on"] = later.strftime("%Y-%m-%d")
    data["number"] = "9"
    data["match_mode"] = "mentor_mentee"
    data["allow_same_country"] = "on"
    data["action-publish"] = "action-publish"
    response = translator.post(url, data)
    assert response.status_code == 302

    spanish = RoundPage.objects.get(pk=spanish.pk)
    english = RoundPage.objects.get(pk=english.pk)
    assert spanish.title == "Ronda 3 (revisada)"
    for name in RoundPage.source_facts:
        assert getattr(spanish, name) == getattr(english, name), name
    assert spanish.number == 3
