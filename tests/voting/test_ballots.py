"""Casting ballots: each ballot type, tampered forms, the voting window,
one ballot per member and per link, receipts."""

import datetime

import pytest
from django.utils import timezone

from tests.voting.conftest import add_voters
from voting.models import Ballot, Voter

NOW = timezone.now()


def keys(election):
    return {option.title: option.key for option in election.option_list}


def vote_url(election, token=None):
    return election.url + (f"vote/{token}/" if token else "vote/")


@pytest.mark.django_db
def test_member_casts_a_choose_up_to_n_ballot_and_sees_a_receipt(
    client, make_election, member
):
    election = make_election()
    client.force_login(member)
    form = client.get(vote_url(election))
    assert form.status_code == 200
    assert "<fieldset>" in form.text and "<legend>" in form.text
    assert 'type="checkbox"' in form.text
    option = keys(election)
    response = client.post(
        vote_url(election), {"choices": [option["Copyright"], option["Storytime"]]}
    )
    assert response.status_code == 200
    ballot = Ballot.objects.get()
    assert ballot.receipt in response.text
    assert ballot.choices == [option["Copyright"], option["Storytime"]]
    assert Voter.objects.get(user=member).voted_at is not None


@pytest.mark.django_db
def test_a_member_votes_only_once(client, make_election, member):
    election = make_election()
    client.force_login(member)
    option = keys(election)
    assert (
        client.post(vote_url(election), {"choices": [option["Copyright"]]}).status_code
        == 200
    )
    again = client.post(vote_url(election), {"choices": [option["Storytime"]]})
    assert again.status_code == 409
    assert "already been cast" in again.text
    assert Ballot.objects.count() == 1
    assert client.get(vote_url(election)).status_code == 409


@pytest.mark.django_db
def test_ranked_ballot_is_stored_best_first(client, make_election, member):
    election = make_election(ballot_type="rank", counting_rule="stv", max_choices=None)
    client.force_login(member)
    form = client.get(vote_url(election)).text
    assert "<select" in form and "<legend>" in form
    option = keys(election)
    response = client.post(
        vote_url(election),
        {
            f"rank-{option['Storytime']}": "1",
            f"rank-{option['Copyright']}": "2",
            f"rank-{option['Open access']}": "",
        },
    )
    assert response.status_code == 200
    assert Ballot.objects.get().choices == [option["Storytime"], option["Copyright"]]


@pytest.mark.django_db
def test_one_choice_ballot(client, make_election, member):
    election = make_election(
        ballot_type="one", counting_rule="plurality", max_choices=None, winners=1
    )
    client.force_login(member)
    assert 'type="radio"' in client.get(vote_url(election)).text
    option = keys(election)
    response = client.post(vote_url(election), {"choice": option["Makerspaces"]})
    assert response.status_code == 200
    assert Ballot.objects.get().choices == [option["Makerspaces"]]


@pytest.mark.django_db
def test_tampered_ballots_are_refused_and_nothing_is_stored(
    client, make_election, member
):
    election = make_election()
    other = make_election(options=["Elsewhere"])
    ranked = make_election(ballot_type="rank", counting_rule="borda", max_choices=None)
    single = make_election(
        ballot_type="one", counting_rule="plurality", max_choices=None
    )
    client.force_login(member)
    option = keys(election)
    ranked_option = keys(ranked)
    cases = [
        (election, {"choices": [other.option_list[0].key]}, "not in this election"),
        (
            election,
            {
                "choices": [
                    option["Copyright"],
                    option["Storytime"],
                    option["Open access"],
                ]
            },
            "at most 2",
        ),
        (election, {}, "at least one"),
        (
            ranked,
            {
                f"rank-{ranked_option['Copyright']}": "1",
                f"rank-{ranked_option['Storytime']}": "1",
            },
            "different rank",
        ),
        (ranked, {f"rank-{ranked_option['Copyright']}": "99"}, "Ranks go from 1"),
        (ranked, {f"rank-{other.option_list[0].key}": "1"}, "at least one"),
        (single, {"choice": other.option_list[0].key}, "not in this election"),
        (single, {}, "Choose one option"),
    ]
    for target, data, message in cases:
        response = client.post(vote_url(target), data)
        assert response.status_code == 400, data
        assert message in response.text, (data, response.text)
    assert Ballot.objects.count() == 0
    assert not Voter.objects.filter(voted_at__isnull=False).exists()


@pytest.mark.django_db
def test_votes_outside_the_window_are_refused(client, make_election, member):
    before = make_election(
        voting_opens_at=NOW + datetime.timedelta(days=1),
        voting_closes_at=NOW + datetime.timedelta(days=2),
    )
    after = make_election(
        voting_opens_at=NOW - datetime.timedelta(days=2),
        voting_closes_at=NOW - datetime.timedelta(days=1),
    )
    client.force_login(member)
    for election, message in [(before, "not opened yet"), (after, "has closed")]:
        option = election.option_list[0].key
        response = client.post(vote_url(election), {"choices": [option]})
        assert response.status_code == 403
        assert message in response.text
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client, make_election):
    election = make_election()
    response = client.post(vote_url(election), {})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_closed_election_link_works_once(client, make_election):
    election = make_election(electorate="closed")
    tokens = add_voters(election, ["ana@example.org"])
    url = vote_url(election, tokens["ana@example.org"])
    assert client.get(url).status_code == 200
    option = election.option_list[0].key
    response = client.post(url, {"choices": [option]})
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert Ballot.objects.get().receipt in response.text
    again = client.post(url, {"choices": [option]})
    assert again.status_code == 409
    assert Ballot.objects.count() == 1


@pytest.mark.django_db
def test_unknown_foreign_and_missing_links_are_refused(client, make_election):
    election = make_election(electorate="closed")
    other = make_election(electorate="closed")
    tokens = add_voters(other, ["ana@example.org"])
    option = election.option_list[0].key
    unknown = client.post(vote_url(election, "nonsense"), {"choices": [option]})
    assert unknown.status_code == 404
    assert "not valid" in unknown.text
    foreign = client.post(
        vote_url(election, tokens["ana@example.org"]), {"choices": [option]}
    )
    assert foreign.status_code == 403
    assert "another election" in foreign.text
    missing = client.post(vote_url(election), {"choices": [option]})
    assert missing.status_code == 403
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_ballot_posts_are_rate_limited_per_address(
    client, make_election, member, settings
):
    settings.VOTING_BALLOT_RATE_LIMIT = (2, 60)
    election = make_election()
    client.force_login(member)
    for _ in range(2):
        assert client.post(vote_url(election), {}).status_code == 400
    assert client.post(vote_url(election), {}).status_code == 429


def test_a_ballot_row_does_not_identify_its_voter_nor_say_when_it_was_cast():
    fields = {field.name for field in Ballot._meta.get_fields()}
    assert fields == {"id", "election_key", "choices", "receipt", "shuffled"}


@pytest.mark.django_db
def test_ballot_form_needs_a_csrf_token(make_election, member):
    from django.test import Client

    election = make_election()
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(
        vote_url(election), {"choices": [election.option_list[0].key]}
    )
    assert response.status_code == 403
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_a_used_link_opens_a_page_that_says_you_have_voted(client, make_election):
    election = make_election(electorate="closed")
    tokens = add_voters(election, ["ana@example.org"])
    url = vote_url(election, tokens["ana@example.org"])
    client.post(url, {"choices": [election.option_list[0].key]})
    again = client.get(url)
    assert again.status_code == 409
    html = again.text
    assert "<h2>You have already voted</h2>" in html
    assert "Your ballot cannot be accepted" not in html
    assert f'href="{election.url}results/"' in html  # where the receipt will be
    assert "<form" not in html.split("<main", 1)[1].split("</main>")[0]
