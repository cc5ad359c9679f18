"""Organisers see who has not connected N days after the release, and can
remind them or re-match them with someone new."""

import datetime

import pytest
from django.utils import timezone

from program.factories import ApplicationFactory, RoundPageFactory
from program.models import ExcludedPair, Match, MatchSeat
from program.release import release_matches
from program.storage import create_match, run_matching
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(program, django_capture_on_commit_callbacks):
    """Ana-Bo connected; Cy-Di and Ed-Fay have not, released 10 days ago."""
    round_page = RoundPageFactory(parent=program)
    people = [
        ApplicationFactory(
            round=round_page, name=name, email=f"{name.lower()}@example.org", country=c
        )
        for name, c in (
            ("Ana", "ES"),
            ("Bo", "GB"),
            ("Cy", "FR"),
            ("Di", "DE"),
            ("Ed", "IT"),
            ("Fay", "PT"),
        )
    ]
    for a, b in ((0, 1), (2, 3), (4, 5)):
        create_match(round_page, [people[a].pk, people[b].pk])
    with django_capture_on_commit_callbacks(execute=True):
        release_matches(round_page)
    MatchSeat.objects.update(released_at=timezone.now() - datetime.timedelta(days=10))
    Match.objects.filter(member_a=people[0]).update(connected=True)
    return round_page


def test_the_desk_lists_who_has_not_connected_after_n_days(client, desk):
    listing = client.get(desk, {"days": 7}).text.split('id="check-ins"')[1]
    for email in ("cy@", "di@", "ed@", "fay@"):
        assert email in listing
    assert "ana@" not in listing and "bo@" not in listing
    later = client.get(desk, {"days": 30}).text
    assert "Every released match this old has connected." in later
    assert client.get(desk, {"days": "soon"}).status_code == 200


def test_rematch_gives_those_who_did_not_connect_new_partners(
    client, desk, round_page, django_capture_on_commit_callbacks
):
    connected = Match.objects.get(connected=True)
    response = client.post(desk + f"matches/{connected.pk}/rematch/", follow=True)
    assert "Only a released match that has not connected" in response.text
    assert Match.objects.filter(pk=connected.pk).exists()

    for match in Match.objects.filter(connected=False):
        assert client.post(desk + f"matches/{match.pk}/rematch/").status_code == 302
    assert Match.objects.count() == 1
    assert ExcludedPair.objects.count() == 2

    run_matching(round_page)
    with django_capture_on_commit_callbacks(execute=True):
        release_matches(round_page)
    new = {frozenset(m.members[i].name for i in (0, 1)) for m in Match.objects.all()}
    assert frozenset({"Cy", "Di"}) not in new and frozenset({"Ed", "Fay"}) not in new
    assert len(new) == 3
    # Each of them is sent their new partner's details; Ana and Bo nothing more.
    sent = OutboxMessage.objects.filter(key__startswith="program-match:")
    assert sent.filter(to="cy@example.org").count() == 2
    assert sent.filter(to="ana@example.org").count() == 1
