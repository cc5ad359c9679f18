"""Nothing in the database ties a ballot to its voter (voting/THREAT_MODEL.md):
not the transaction that stored both (PostgreSQL's `xmin`), not the order
of the rows, their ids or a time; while one ballot per voter still holds
when many submit at once, and nothing is lost nor counted twice when a
process dies between the steps. On PostgreSQL, committed (transactional
tests), with real threads and processes: SQLite would hide all of it."""

import os
import random
import signal
import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_delete, pre_save
from django.test import Client

from tests.concurrency import at_once
from tests.voting.conftest import add_voters
from tests.workers import run_queued_tasks, worker_environment
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import Ballot, Voter
from voting.secrecy import receipt_for, shuffle_ballot_box, store_ballot

VOTERS = 40
TOPICS = [f"Topic {number}" for number in range(VOTERS)]


@pytest.fixture
def election_parent(home):
    index = ElectionIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


@pytest.fixture
def election(election_parent, settings):
    """A closed election of one choice among 40 topics, and its 40 voters
    (by email) with their links: voter n will choose topic n, so that each
    ballot names its voter to the test, and the test alone."""
    settings.VOTING_BALLOT_RATE_LIMIT = (10_000, 60)
    election = ElectionPageFactory(
        parent=election_parent,
        electorate="closed",
        ballot_type="one",
        max_choices=None,
        winners=1,
        counting_rule="plurality",
        options=TOPICS,
    )
    emails = [f"voter{number:02d}@example.org" for number in range(VOTERS)]
    return election, add_voters(election, emails)


def topic_keys(election):
    return {option.title: option.key for option in election.option_list}


def vote(election, token, key, client=None):
    client = client or Client()
    return client.post(f"{election.url}vote/{token}/", {"choice": key})


def cast_in_order(election, tokens):
    """Voter 0 votes first, then voter 1, and so on, each through the ballot
    form; returns the voting order as topic keys."""
    keys = topic_keys(election)
    order = []
    for number, token in enumerate(tokens.values()):
        key = keys[f"Topic {number}"]
        assert vote(election, token, key).status_code == 200
        order.append(key)
    return order


def query(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def kendall_tau(first, second):
    """Rank agreement of two orders of the same items: 1 the same order,
    -1 reversed, about 0 unrelated (standard deviation about 0.11 for 40)."""
    position = {item: index for index, item in enumerate(second)}
    ranks = [position[item] for item in first]
    pairs = concordant = 0
    for i in range(len(ranks)):
        for j in range(i + 1, len(ranks)):
            pairs += 1
            concordant += 1 if ranks[i] < ranks[j] else -1
    return concordant / pairs


XMIN_JOIN = """
    SELECT count(*) FROM voting_voter v JOIN voting_ballot b ON v.xmin = b.xmin
    WHERE b.election_key = %s
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_xmin_join_finds_no_voter_of_any_ballot(election):
    election, tokens = election
    cast_in_order(election, tokens)
    key = election.translation_key

    assert query(XMIN_JOIN, [key]) == [(0,)]
    # Every ballot of the election was last written by one transaction.
    assert query(
        "SELECT count(DISTINCT xmin::text) FROM voting_ballot WHERE election_key = %s",
        [key],
    ) == [(1,)]
    assert Ballot.objects.filter(election_key=key, shuffled=True).count() == VOTERS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_row_order_ids_and_receipts_say_nothing_about_the_voting_order(election):
    election, tokens = election
    voting_order = cast_in_order(election, tokens)
    # Voters were invited (made) and voted in the same order.
    invited = list(Voter.objects.order_by("pk").values_list("voted_at", flat=True))
    assert invited == sorted(invited)

    for order_by in ("ctid", "id", "xmin::text::bigint", "receipt"):
        rows = query(
            "SELECT choices->>0 FROM voting_ballot WHERE election_key = %s "
            f"ORDER BY {order_by}",
            [election.translation_key],
        )
        ballot_order = [key for (key,) in rows]
        assert sorted(ballot_order) == sorted(voting_order)
        # Unrelated orders give |tau| above 0.6 about twice in a billion.
        assert abs(kendall_tau(ballot_order, voting_order)) < 0.6, order_by
    # And a ballot holds no time at all.
    assert not [
        field
        for field in Ballot._meta.get_fields()
        if field.get_internal_type() in {"DateTimeField", "DateField"}
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_voters_voting_at_once_while_boxes_are_shuffled_each_count_once(election):
    election, tokens = election
    keys = topic_keys(election)
    calls = [
        (
            lambda token=token, number=number: vote(
                election, token, keys[f"Topic {number}"]
            ).status_code
        )
        for number, token in enumerate(list(tokens.values())[:20])
    ] + [
        lambda: shuffle_ballot_box(election.translation_key) >= 0 and 200
        for _ in range(4)
    ]
    assert set(at_once(*calls)) == {200}
    shuffle_ballot_box(election.translation_key)

    voters = Voter.objects.filter(voted_at__isnull=False)
    assert voters.count() == 20
    assert sorted(Ballot.objects.values_list("receipt", flat=True)) == sorted(
        receipt_for(voter) for voter in voters
    )
    assert sorted(Ballot.objects.values_list("choices", flat=True)) == sorted(
        [keys[f"Topic {number}"]] for number in range(20)
    )
    assert not Ballot.objects.filter(shuffled=False).exists()
    assert query(XMIN_JOIN, [election.translation_key]) == [(0,)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_link_submitted_many_times_while_shuffling_stores_one_ballot(election):
    election, tokens = election
    token = next(iter(tokens.values()))
    key = topic_keys(election)["Topic 0"]
    statuses = at_once(
        *[lambda: vote(election, token, key).status_code for _ in range(12)],
        *[lambda: shuffle_ballot_box(election.translation_key) and 0 for _ in range(3)],
    )
    assert sorted(status for status in statuses if status) == [200] + [409] * 11
    assert Ballot.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_ballot_of_one_voter(election):
    election, tokens = election
    voter = Voter.objects.order_by("pk").first()
    store_ballot(voter, ["a"])
    # Even past every check of the voter's row, the receipt is the voter's.
    with pytest.raises(IntegrityError), transaction.atomic():
        store_ballot(Voter.objects.get(pk=voter.pk), ["b"])
    assert Ballot.objects.count() == 1


class Crash(Exception):
    pass


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_crash_between_marking_the_voter_and_storing_the_ballot_keeps_neither(
    election,
):
    election, tokens = election
    token = next(iter(tokens.values()))
    key = topic_keys(election)["Topic 0"]

    def crash(sender, **kwargs):
        raise Crash

    pre_save.connect(crash, sender=Ballot, dispatch_uid="crash")
    try:
        with pytest.raises(Crash):
            vote(election, token, key)
    finally:
        pre_save.disconnect(dispatch_uid="crash", sender=Ballot)
    assert Ballot.objects.count() == 0
    assert not Voter.objects.filter(voted_at__isnull=False).exists()
    # The voter was not counted, so may vote: once.
    assert vote(election, token, key).status_code == 200
    assert vote(election, token, key).status_code == 409
    assert Ballot.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_crash_in_the_middle_of_a_shuffle_loses_no_ballot(election):
    election, tokens = election
    cast_in_order(election, dict(list(tokens.items())[:5]))
    before = sorted(Ballot.objects.values_list("receipt", "choices"))
    Ballot.objects.update(shuffled=False)

    def crash(sender, **kwargs):
        raise Crash  # after the first ballot was deleted

    post_delete.connect(crash, sender=Ballot, dispatch_uid="crash")
    try:
        with pytest.raises(Crash):
            shuffle_ballot_box(election.translation_key)
    finally:
        post_delete.disconnect(dispatch_uid="crash", sender=Ballot)
    assert sorted(Ballot.objects.values_list("receipt", "choices")) == before
    assert shuffle_ballot_box(election.translation_key) == 5
    assert sorted(Ballot.objects.values_list("receipt", "choices")) == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_ballot_whose_shuffle_never_ran_is_counted_and_shuffled_later(
    election, settings
):
    """The process died after the cast committed, before its shuffle ran:
    here the shuffle is queued for a worker that is not running."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    election, tokens = election
    token = next(iter(tokens.values()))
    key = topic_keys(election)["Topic 0"]
    assert vote(election, token, key).status_code == 200

    ballot = Ballot.objects.get()
    assert not ballot.shuffled
    assert vote(election, token, key).status_code == 409
    # Until its shuffle, this one ballot is tied to its voter: the window
    # the threat model names.
    assert query(XMIN_JOIN, [election.translation_key]) == [(1,)]

    run_queued_tasks()  # a worker comes back and runs the queued shuffle

    assert Ballot.objects.get().shuffled
    assert Ballot.objects.get().receipt == ballot.receipt
    assert query(XMIN_JOIN, [election.translation_key]) == [(0,)]


BIG_BOX = 20_000


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_process_killed_in_the_middle_of_a_shuffle_loses_no_ballot(election):
    """A real process running `manage.py shuffle_ballots`, SIGKILLed once
    its transaction has deleted the box and is inserting it again."""
    election, _tokens = election
    key = election.translation_key
    keys = [option.key for option in election.option_list]
    rng = random.Random(7)
    Ballot.objects.bulk_create(
        (Ballot(election_key=key, choices=[rng.choice(keys)]) for _ in range(BIG_BOX)),
        batch_size=2000,
    )
    before = sorted(Ballot.objects.values_list("receipt", "choices"))

    import subprocess
    import sys

    from tests.workers import ROOT

    process = subprocess.Popen(
        [sys.executable, "manage.py", "shuffle_ballots"],
        cwd=ROOT,
        env=worker_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            inserting = query(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                "AND query LIKE 'INSERT INTO \"voting_ballot\"%%'"
            )
            if inserting[0][0]:
                os.kill(process.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, "the shuffle ended before the kill"
    # PostgreSQL rolls the dead process's transaction back.
    deadline = time.monotonic() + 30
    while (
        query(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
            "'INSERT INTO \"voting_ballot\"%%' AND pid <> pg_backend_pid()"
        )[0][0]
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)

    assert sorted(Ballot.objects.values_list("receipt", "choices")) == before
    assert shuffle_ballot_box(key) == BIG_BOX
    assert sorted(Ballot.objects.values_list("receipt", "choices")) == before
