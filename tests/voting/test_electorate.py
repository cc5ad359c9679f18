"""The closed electorate: CSV import (all or nothing), invitations once
per voter through the outbox, reminders only to those who have not voted,
and only a hash of each link stored."""

import pytest

from tests.voting.conftest import add_voters
from tests.website.mail_backends import delivered
from voting import electorate
from voting.electorate import MAX_ROWS, import_roll, invite, remind, resend
from voting.models import AuditEntry, Ballot, Voter
from voting.models.records import hash_token
from website.models import OutboxMessage


@pytest.fixture
def election(make_election):
    return make_election(electorate="closed")


@pytest.mark.django_db
def test_import_adds_voters_normalised_with_language(election):
    report = import_roll(
        election,
        "email,name,language\n Ana@Example.org ,Ana,es\nbo@example.org,,\n",
    )
    assert report.ok, report.errors
    voters = {v.email: v for v in Voter.objects.for_election(election)}
    assert set(voters) == {"ana@example.org", "bo@example.org"}
    assert voters["ana@example.org"].language == "es"
    assert voters["bo@example.org"].language == "en"
    assert AuditEntry.objects.filter(action="import").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("roll", "message"),
    [
        ("ana@example.org\nnot-an-email\n", "Line 2: “not-an-email” is not an email"),
        (
            "ana@example.org\nbo@example.org\nANA@example.org\n",
            "Line 3: ana@example.org is already on line 1",
        ),
        ("ana@example.org,Ana,xx\n", "unknown language"),
        ("", "The list is empty."),
    ],
)
def test_a_bad_roll_stores_nothing_and_says_what(election, roll, message):
    report = import_roll(election, roll)
    assert not report.ok
    assert any(message in error for error in report.errors), report.errors
    assert Voter.objects.count() == 0


@pytest.mark.django_db
def test_a_roll_over_the_limit_stores_nothing(election):
    roll = "".join(f"voter{n}@example.org\n" for n in range(MAX_ROWS + 1))
    report = import_roll(election, roll)
    assert not report.ok
    assert "more than 10000" in report.errors[-1].replace(",", "")
    assert Voter.objects.count() == 0


@pytest.mark.django_db
def test_a_roll_of_ten_thousand_is_imported(election):
    roll = "".join(f"voter{n}@example.org\n" for n in range(MAX_ROWS))
    assert import_roll(election, roll).ok
    assert Voter.objects.count() == MAX_ROWS


@pytest.mark.django_db
def test_importing_again_keeps_the_existing_voters(election):
    import_roll(election, "ana@example.org\n")
    report = import_roll(election, "ANA@example.org\nbo@example.org\n")
    assert (report.created, report.existing) == (1, 1)
    assert Voter.objects.count() == 2


@pytest.mark.django_db
def test_invitations_are_queued_once_per_voter(election):
    import_roll(election, "ana@example.org,Ana,es\nbo@example.org\n")
    assert invite(election, batch_size=1) == 2
    assert invite(election) == 0
    messages = OutboxMessage.objects.filter(key__startswith="ballot-invite:")
    assert messages.count() == 2
    spanish = messages.get(to="ana@example.org")
    assert spanish.language == "es"
    voter = Voter.objects.get(email="ana@example.org")
    assert voter.invited_at is not None
    # The link in the email works and only its hash is stored.
    token = delivered(spanish).body.split("/vote/")[1].split("/")[0]
    assert voter.token_hash == hash_token(token)
    assert token not in {v.token_hash for v in Voter.objects.all()}
    assert voter.token_salt and token not in voter.token_salt


@pytest.mark.django_db
def test_reminders_go_only_to_those_who_have_not_voted(client, election):
    import_roll(election, "ana@example.org\nbo@example.org\n")
    invite(election)
    ana = Voter.objects.get(email="ana@example.org")
    token = electorate.token_for(ana)
    response = client.post(
        f"{election.url}vote/{token}/", {"choices": [election.option_list[0].key]}
    )
    assert response.status_code == 200
    assert remind(election) == 1
    assert remind(election) == 0  # the same day: nothing twice
    reminders = OutboxMessage.objects.filter(key__startswith="ballot-remind:")
    assert list(reminders.values_list("to", flat=True)) == ["bo@example.org"]
    # The reminder carries the same working link as the invitation.
    bo = Voter.objects.get(email="bo@example.org")
    assert electorate.token_for(bo) in delivered(reminders.get()).body


@pytest.mark.django_db
def test_resending_replaces_the_link(client, election):
    tokens = add_voters(election, ["ana@example.org"])
    voter = Voter.objects.get()
    assert resend(election, voter)
    option = election.option_list[0].key
    old = client.post(
        f"{election.url}vote/{tokens['ana@example.org']}/", {"choices": [option]}
    )
    assert old.status_code == 404
    new_token = electorate.token_for(Voter.objects.get())
    assert (
        client.post(f"{election.url}vote/{new_token}/", {"choices": [option]})
    ).status_code == 200
    assert Ballot.objects.count() == 1
    assert not resend(election, Voter.objects.get())  # voted: no new link
