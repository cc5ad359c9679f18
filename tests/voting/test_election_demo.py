import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from voting.models import Ballot, ElectionPage, Voter


@pytest.mark.django_db
def test_demo_elections_closed_with_winners_and_open_for_the_member(client):
    call_command("seed_demo", verbosity=0)
    counts = (
        ElectionPage.objects.count(),
        Ballot.objects.count(),
        Voter.objects.count(),
    )
    call_command("seed_demo", verbosity=0)
    assert (
        ElectionPage.objects.count(),
        Ballot.objects.count(),
        Voter.objects.count(),
    ) == counts

    closed = ElectionPage.objects.get(slug="webinars-2018")
    html = client.get(closed.url + "results/").text
    winners = html[html.index("And the winners are") : html.index("Turnout")]
    for title in (
        "Open access for beginners",
        "Library services for refugees",
        "Data literacy",
        "Marketing on a shoestring",
    ):
        assert title in winners
    assert "Makerspaces" not in winners
    assert "/en/blog/webinars-2018-and-the-winners-are/" in winners
    spanish = ElectionPage.objects.get(slug="webinarios-2018")
    assert "Alfabetización en datos" in client.get(spanish.url + "results/").text

    client.force_login(get_user_model().objects.get(email="member@example.org"))
    election = ElectionPage.objects.get(slug="webinars-2019")
    response = client.post(
        election.url + "vote/", {"choices": [election.option_list[0].key]}
    )
    assert response.status_code == 200
    assert "receipt code" in response.text
