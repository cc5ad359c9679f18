"""A round page shows its participants by country as a small chart with its
table: most first, at most eight countries, and the others, with every
country of fewer than three participants, counted together so that nobody
stands out. Withdrawn applications do not count."""

import pytest

from program.factories import ApplicationFactory
from program.models import Application
from program.stats import participants_by_country

pytestmark = pytest.mark.django_db


def apply(round_page, country, count, **fields):
    for _ in range(count):
        ApplicationFactory(round=round_page, country=country, **fields)


def test_most_first_small_countries_and_the_rest_counted_together(round_page):
    sizes = {"IT": 9, "CO": 7, "JP": 7, "GH": 6, "BR": 5, "FR": 5, "NL": 4}
    sizes |= {"ES": 4, "PE": 3, "NP": 1, "FJ": 2}
    for country, count in sizes.items():
        apply(round_page, country, count)
    apply(round_page, "NZ", 5, status=Application.Status.WITHDRAWN)

    rows = participants_by_country(round_page, smallest_group=3)

    assert rows == [
        ("Italy", 9),
        ("Colombia", 7),
        ("Japan", 7),
        ("Ghana", 6),
        ("Brazil", 5),
        ("France", 5),
        ("Netherlands", 4),
        ("Spain", 4),
        # Peru (3, the ninth), Nepal (1) and Fiji (2).
        ("Other countries", 6),
    ]


def test_the_round_page_draws_the_chart_and_its_table(client, round_page):
    apply(round_page, "IT", 3)
    apply(round_page, "KE", 4)
    apply(round_page, "NP", 1)

    html = client.get(round_page.url).text

    assert '<svg role="img" aria-labelledby="countries-chart-title"' in html
    assert ">Kenya</text>" in html and ">Italy</text>" in html
    assert "4 · 50.0%" in html  # count and share, on the chart
    assert '<th scope="row">Other countries</th>' in html
    assert "Nepal" not in html  # one person from a country would stand out


def test_a_round_without_applications_shows_no_chart(client, round_page):
    html = client.get(round_page.url).text
    assert "countries-chart" not in html
    assert 'class="timeline"' in html
