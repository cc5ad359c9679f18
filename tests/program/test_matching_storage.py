"""Storing what the matcher proposes: pairs with their reasons, the
unmatched with theirs, locks kept across re-runs, and the database refusing
what the code above it should never do."""

import pytest
from django.db import IntegrityError, transaction

from program.factories import (
    ApplicationFactory,
    InterestFactory,
    ProgramPageFactory,
    RoundPageFactory,
)
from program.matching import MatchInputError
from program.models import Application, Match, MatchSeat
from program.storage import create_match, run_matching, unpair

pytestmark = pytest.mark.django_db


def people(round_page, *countries, **fields):
    return [
        ApplicationFactory(round=round_page, country=country, **fields)
        for country in countries
    ]


def test_a_match_of_an_application_with_itself_cannot_be_stored(round_page):
    [ana] = people(round_page, "ES")
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(round=round_page, member_a=ana, member_b=ana)
    [bo] = people(round_page, "GB")
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(round=round_page, member_a=ana, member_b=bo, member_c=bo)


def test_nobody_can_sit_in_two_matches(round_page):
    ana, bo, cy = people(round_page, "ES", "GB", "FR")
    create_match(round_page, [ana.pk, bo.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        create_match(round_page, [bo.pk, cy.pk])


@pytest.mark.parametrize("count", [0, 1, 2])
def test_tiny_rounds_do_not_crash(round_page, count):
    applications = people(round_page, *["ES", "GB"][:count])
    result = run_matching(round_page)
    assert Match.objects.count() == (1 if count == 2 else 0)
    assert len(result.unmatched) == (count if count < 2 else 0)
    for application in applications:
        application.refresh_from_db()
        if count == 1:
            assert application.unmatched_reason == "no_one_else"
            assert application.get_unmatched_reason_display() == (
                "No one else is in the pool."
            )


def test_pairs_are_stored_with_their_reasons(round_page):
    outreach = InterestFactory(name="outreach")
    ana, bo = people(round_page, "ES", "GB", languages=["en", "es"])
    ana.interests.add(outreach)
    bo.interests.add(outreach)
    run_matching(round_page)
    match = Match.objects.get()
    assert {match.member_a_id, match.member_b_id} == {ana.pk, bo.pk}
    assert "shared languages: English, Spanish" in match.explanation
    assert "shared interests: outreach" in match.explanation
    assert match.breakdown["links"][0]["shared_interests"] == ["outreach"]
    assert match.score == match.breakdown["links"][0]["score"] > 0
    assert set(MatchSeat.objects.values_list("application", flat=True)) == {
        ana.pk,
        bo.pk,
    }


def test_the_unmatched_carry_their_reason(round_page):
    people(round_page, "ES", "ES")  # same country only
    [alone] = people(round_page, "JP", languages=["ja"])
    run_matching(round_page)
    assert not Match.objects.exists()
    reasons = dict(Application.objects.values_list("country", "unmatched_reason"))
    assert reasons == {"ES": "only_same_country", "JP": "no_shared_language"}
    alone.refresh_from_db()
    assert alone.unmatched_values == {}
    assert alone.get_unmatched_reason_display() == "No one shares a language."


def test_withdrawn_and_unconfirmed_applications_are_not_matched(round_page):
    people(round_page, "ES")
    people(round_page, "GB", status=Application.Status.WITHDRAWN)
    people(round_page, "FR", status=Application.Status.UNCONFIRMED)
    run_matching(round_page)
    assert not Match.objects.exists()


def test_rerun_keeps_locked_matches_and_rematches_the_rest(round_page):
    applications = people(round_page, "ES", "GB", "FR", "DE")
    run_matching(round_page)
    first, second = Match.objects.order_by("pk")
    first.locked = True
    first.save()
    run_matching(round_page)
    assert Match.objects.filter(pk=first.pk, locked=True).exists()
    assert not Match.objects.filter(pk=second.pk).exists()
    assert Match.objects.count() == 2
    assert MatchSeat.objects.count() == len(applications)


def test_unpaired_people_are_not_paired_again(round_page):
    ana, bo = people(round_page, "ES", "GB")
    run_matching(round_page)
    unpair(Match.objects.get())
    result = run_matching(round_page)
    assert not Match.objects.exists()
    assert {u.reason for u in result.unmatched} == {"only_excluded"}


def test_partners_of_an_earlier_round_are_not_paired_again(home):
    program = ProgramPageFactory(parent=home)
    earlier = RoundPageFactory(parent=program, number=1)
    later = RoundPageFactory(parent=program, number=2)
    ana, bo = people(earlier, "ES", "GB")
    create_match(earlier, [ana.pk, bo.pk])
    people(later, "ES", email=ana.email.upper())
    people(later, "GB", email=bo.email)
    result = run_matching(later)
    assert not Match.objects.filter(round=later).exists()
    assert {u.reason for u in result.unmatched} == {"only_previous_partners"}


def test_odd_one_out_joins_a_trio_or_waits(round_page):
    people(round_page, "ES", "GB", "FR")
    run_matching(round_page)
    match = Match.objects.get()
    assert match.member_c_id is not None
    assert MatchSeat.objects.count() == 3

    round_page.odd_one_out = "wait"
    round_page.save()
    result = run_matching(round_page)
    assert Match.objects.get().member_c_id is None
    [waiting] = result.unmatched
    assert waiting.detail == "odd one out: waiting for next round"


def test_matching_desk_runs_matching_and_exports_csv(
    client, round_page, django_capture_on_commit_callbacks
):
    from website.factories import UserFactory

    people(round_page, "ES", "GB")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    desk = f"/admin/program/matching/{round_page.pk}/"
    assert client.get("/admin/program/matching/").status_code == 200
    assert client.get(desk).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(desk + "run/").status_code == 302
    assert Match.objects.count() == 1
    page = client.get(desk)
    assert "shared languages: English" in page.text
    csv = client.get(desk + "export.csv")
    assert csv["Content-Type"] == "text/csv"
    assert csv.content.decode().count("\n") == 3


def test_matching_desk_is_for_organisers_only(client, round_page):
    from website.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(f"/admin/program/matching/{round_page.pk}/run/").status_code in (
        302,
        403,
    )
    assert not Match.objects.exists()


def test_admin_lists_applications_matches_and_interests(client, round_page):
    from website.factories import UserFactory

    ana, bo = people(round_page, "ES", "GB")
    run_matching(round_page)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in (
        "/admin/program_applications/",
        f"/admin/program_applications/edit/{ana.pk}/",
        "/admin/program_matches/",
        "/admin/snippets/program/interest/",
    ):
        assert client.get(url).status_code == 200, url
    # An organiser's edit to a duplicate address is refused, not a 500.
    data = (
        client.get(f"/admin/program_applications/edit/{bo.pk}/").context["form"].initial
    )
    response = client.post(
        f"/admin/program_applications/edit/{bo.pk}/",
        {
            **{k: v for k, v in data.items() if v is not None and k != "interests"},
            "email": ana.email.upper(),
            "languages": '["en"]',
            "keep_in_touch": "[]",
        },
    )
    assert response.status_code == 200
    assert "This person has already applied to this round." in response.text
    bo.refresh_from_db()
    assert bo.email != ana.email.upper()


def test_the_form_offers_the_languages_the_matcher_can_name():
    from program.matching import LANGUAGE_NAMES
    from program.models.applications import LANGUAGE_CHOICES

    assert {code for code, _name in LANGUAGE_CHOICES} == set(LANGUAGE_NAMES)


def test_editors_set_the_matching_settings_of_a_round(client, round_page):
    from website.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/{round_page.pk}/edit/")
    assert response.status_code == 200
    for field in ("match_mode", "allow_same_country", "odd_one_out", "weight_timezone"):
        assert f'name="{field}"' in response.text


def test_organiser_pairs_by_hand_and_rerun_keeps_it(client, round_page):
    from program.storage import pair_by_hand
    from website.factories import UserFactory

    ana, bea, cy = people(round_page, "ES", "ES", "GB")
    desk = f"/admin/program/matching/{round_page.pk}/"
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(desk + "pair/", {"members": [ana.pk, bea.pk]})
    assert response.status_code == 302
    match = Match.objects.get()
    assert match.locked
    assert "are from the same country" in match.warnings
    run_matching(round_page)
    assert Match.objects.filter(pk=match.pk).exists()
    for bad in ([ana.pk, ana.pk], [ana.pk, cy.pk], [cy.pk], [cy.pk, 999999]):
        with pytest.raises(MatchInputError):
            pair_by_hand(round_page, bad)
    assert client.post(desk + "pair/", {"members": ["x"]}).status_code == 302
    assert Match.objects.count() == 1
