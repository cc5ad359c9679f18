"""The Matching desk says what each match's score is made of."""

import re

import pytest

from program.factories import (
    ApplicationFactory,
    InterestFactory,
    ProgramPageFactory,
    RoundPageFactory,
)
from program.models import Match
from program.storage import run_matching

pytestmark = pytest.mark.django_db


def test_each_match_lists_the_points_of_each_criterion(client, home, desk_organiser):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    outreach = InterestFactory(name="outreach")
    for country, zone in (("ES", "Europe/Madrid"), ("FR", "Europe/Paris")):
        ApplicationFactory(
            round=round_page, country=country, time_zone=zone
        ).interests.add(outreach)
    run_matching(round_page)
    match = Match.objects.get()

    client.force_login(desk_organiser)
    page = client.get(f"/admin/program/matching/{round_page.pk}/").text

    parts = re.search(r'<ul class="score-parts">(.*?)</ul>', page, re.S).group(1)
    points = dict(re.findall(r"<li>([^:<]+): (\d+)</li>", parts))
    assert points == {
        "Shared interests": "400",
        "Same sector": "100",
        "Time zones": "200",
    }
    assert sum(int(value) for value in points.values()) == match.score
    assert f"<strong>{match.score}</strong>" in page
