"""A published election is counted once, when its results are published,
and what its pages show equals a fresh recount; live results are counted
again only when a ballot has been cast; the ballots CSV is streamed. The
queries of the results pages and exports do not grow with the ballots."""

import csv
import datetime
import io
import json
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from voting import actions, tallies
from voting.counting.stored import dump, load
from voting.models import Ballot, StoredCount
from voting.results import results_json

pytestmark = pytest.mark.django_db

NOW = timezone.now()
OPTIONS = ["Copyright", "Open access", "Makerspaces", "Storytime", "Archives"]


def fill_ballot_box(election, how_many, seed=7):
    """Polarised ballots with duplicates, empties and single choices."""
    keys = [option.key for option in election.option_list]
    rng = random.Random(seed)
    ballots = []
    for index in range(how_many):
        if index % 17 == 0:
            choices = []
        elif election.ballot_type == "rank":
            choices = rng.sample(keys, rng.randint(1, len(keys)))
        elif election.ballot_type == "one":
            choices = [rng.choice(keys[:2])]
        else:
            side = keys[:2] if index % 3 else keys[2:]
            choices = rng.sample(side, rng.randint(1, len(side)))
        ballots.append(Ballot(election_key=election.translation_key, choices=choices))
    Ballot.objects.bulk_create(ballots)


def closed(make_election, **fields):
    if fields.get("ballot_type", "choose") != "choose":
        fields.setdefault("max_choices", None)
    return make_election(
        options=OPTIONS,
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
        **fields,
    )


def reads_ballots(queries):
    """Whether any query read every ballot's choices, as a count does (the
    page of receipts reads one page of them, with a LIMIT)."""
    return any(
        "voting_ballot" in query["sql"]
        and '"choices"' in query["sql"]
        and "LIMIT" not in query["sql"]
        for query in queries
    )


@pytest.mark.parametrize(
    ("ballot_type", "rule", "winners"),
    [
        ("choose", "approval", 2),
        ("choose", "seq_pav", 2),
        ("choose", "phragmen", 2),
        ("rank", "stv", 2),
        ("rank", "schulze", 1),
        ("rank", "borda", 2),
        ("one", "plurality", 1),
    ],
)
def test_a_published_result_equals_a_fresh_recount(
    client, make_election, ballot_type, rule, winners
):
    election = closed(
        make_election, ballot_type=ballot_type, counting_rule=rule, winners=winners
    )
    fill_ballot_box(election, 120)
    actions.publish_results(election)
    assert StoredCount.objects.filter(election_key=election.translation_key).exists()
    with CaptureQueriesContext(connection) as queries:
        shown = json.loads(client.get(election.url + "results/json/").text)
    assert not reads_ballots(queries.captured_queries)
    fresh = tallies.count_ballots(election)
    assert load(dump(fresh.result)) == fresh.result
    expected = {**fresh.result.to_dict()}
    assert {key: shown[key] for key in expected} == expected
    assert shown["ballots_cast"] == 120


def test_the_results_page_of_a_published_election_shows_the_stored_count(
    client, make_election
):
    election = closed(make_election)
    fill_ballot_box(election, 60)
    actions.publish_results(election)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(election.url + "results/").text
    assert not reads_ballots(queries.captured_queries)
    fresh = tallies.count_ballots(election)
    titles = election.option_titles()
    for key, value in fresh.tally.items():
        assert f"{titles[key]}" in html
        assert f"<td>{value}</td>" in html


def test_a_stored_count_whose_inputs_changed_is_counted_again(make_election):
    election = closed(make_election, winners=1)
    fill_ballot_box(election, 40)
    actions.publish_results(election)
    stored = StoredCount.objects.get(election_key=election.translation_key)
    election.winners = 3
    with CaptureQueriesContext(connection) as queries:
        data = results_json(election)
    assert reads_ballots(queries.captured_queries)
    assert len(data["winners"]) == 3
    assert StoredCount.objects.get(pk=stored.pk).inputs != stored.inputs
    # And the new count is then read, not counted again.
    with CaptureQueriesContext(connection) as queries:
        assert results_json(election)["winners"] == data["winners"]
    assert not reads_ballots(queries.captured_queries)


def test_live_results_are_counted_again_only_after_a_ballot(client, make_election):
    election = make_election(
        options=OPTIONS,
        results_visibility="live",
        voting_opens_at=NOW - datetime.timedelta(days=1),
        voting_closes_at=NOW + datetime.timedelta(days=1),
    )
    fill_ballot_box(election, 30)
    url = election.url + "results/json/"
    assert json.loads(client.get(url).text)["ballots_counted"] == 28
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not reads_ballots(queries.captured_queries)
    Ballot.objects.create(
        election_key=election.translation_key, choices=[election.option_list[0].key]
    )
    with CaptureQueriesContext(connection) as queries:
        assert json.loads(client.get(url).text)["ballots_counted"] == 29
    assert reads_ballots(queries.captured_queries)


@pytest.mark.parametrize("route", ["results/", "results/json/", "ballots/csv/"])
def test_results_and_exports_take_the_same_queries_whatever_the_ballots(
    client, make_election, route, django_assert_max_num_queries
):
    small = closed(make_election, title="Small")
    large = closed(make_election, title="Large")
    fill_ballot_box(small, 3)
    fill_ballot_box(large, 3000)
    actions.publish_results(small)
    actions.publish_results(large)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(small.url + route)
        if response.streaming:
            response.getvalue()
    little = len(queries.captured_queries)
    with django_assert_max_num_queries(little):
        response = client.get(large.url + route)
        if response.streaming:
            body = response.getvalue()
    if route == "ballots/csv/":
        assert len(list(csv.reader(io.StringIO(body.decode())))) == 2 + 3000


def test_the_ballots_csv_is_streamed_in_receipt_order(client, make_election):
    election = closed(make_election, ballot_type="rank", counting_rule="stv")
    fill_ballot_box(election, 50)
    actions.publish_results(election)
    response = client.get(election.url + "ballots/csv/")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    receipts = [row[0] for row in rows[2:]]
    assert receipts == sorted(Ballot.objects.values_list("receipt", flat=True))
    keys = rows[0][1:]
    by_receipt = dict(Ballot.objects.values_list("receipt", "choices"))
    for row in rows[2:]:
        ranks = {
            key: int(mark) for key, mark in zip(keys, row[1:], strict=True) if mark
        }
        assert sorted(ranks, key=ranks.get) == by_receipt[row[0]]


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"ballot_type": "rank", "counting_rule": "stv"},
        {"ballot_type": "one", "counting_rule": "plurality"},
    ],
)
def test_the_ballots_csv_is_the_same_file_however_it_is_written(
    client, make_election, fields, monkeypatch
):
    """On PostgreSQL the database writes the ballots' lines (in chunks);
    elsewhere Python does: byte for byte the same file, chunks and all."""
    from voting import results
    from website import csvexport

    monkeypatch.setattr(results, "BALLOTS_PER_CHUNK", 7)
    election = closed(make_election, **fields)
    fill_ballot_box(election, 40)
    # An option chosen twice on one ballot, and one no longer offered.
    keys = [option.key for option in election.option_list]
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[keys[1], keys[0], keys[1], "gone"],
    )
    actions.publish_results(election)
    written = b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode()
        for chunk in results.ballots_csv_lines(election)
    )
    expected = "".join(csvexport.lines(results.ballots_csv_rows(election)))
    assert written.decode() == expected
    assert client.get(election.url + "ballots/csv/").getvalue() == written
    assert expected.count("\r\n") == 2 + 41
