"""Once a round's matches are released, its page shows who was matched with
whom by country, as a small chart with its table: combinations of fewer
than three matches are counted together so that no pair stands out, and
proposals still on the organisers' desk are not shown."""

import pytest

from program.factories import ApplicationFactory
from program.models import Match
from program.storage import create_match

pytestmark = pytest.mark.django_db


def pairs(round_page, first, second, count, **fields):
    for _ in range(count):
        members = [
            ApplicationFactory(round=round_page, country=country).pk
            for country in (first, second)
        ]
        create_match(round_page, members, **fields)


def test_released_pairs_by_country_small_combinations_counted_together(
    client, round_page
):
    pairs(round_page, "IT", "JP", 4, status=Match.Status.RELEASED)
    pairs(round_page, "KE", "NP", 1, status=Match.Status.RELEASED)
    pairs(round_page, "FR", "PE", 5)  # proposed, not sent yet

    html = client.get(round_page.url).text
    html = html[html.index('id="pairs-heading"') :]  # the participants' chart apart

    assert '<svg role="img" aria-labelledby="pairs-chart-title"' in html
    assert ">Italy – Japan</text>" in html
    assert "4 · 80.0%" in html  # count and share of the released matches
    assert '<th scope="row">Other combinations</th>' in html
    assert "Nepal" not in html  # one pair would stand out
    assert "Peru" not in html  # proposals stay on the desk


def test_no_chart_before_the_matches_are_released(client, round_page):
    pairs(round_page, "IT", "JP", 4)
    assert "pairs-chart" not in client.get(round_page.url).text
