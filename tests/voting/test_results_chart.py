"""The results chart: a server-drawn SVG that names every option, gives its
count and share of the ballots, marks the winners in words and not only by
colour, with the same figures in a table beside it; right to left in
Arabic."""

import datetime
import re

import pytest
from django.utils import timezone

from voting import actions
from voting.models import Ballot

NOW = timezone.now()


@pytest.fixture
def published(make_election):
    election = make_election(
        voting_opens_at=NOW - datetime.timedelta(days=7),
        voting_closes_at=NOW - datetime.timedelta(hours=1),
    )
    key = {option.title: option.key for option in election.option_list}
    for titles in (
        ["Copyright", "Open access"],
        ["Copyright", "Storytime"],
        ["Open access"],
        ["Copyright"],
    ):
        Ballot.objects.create(
            election_key=election.translation_key,
            choices=[key[title] for title in titles],
        )
    actions.publish_results(election)
    return election


def chart(html):
    start = html.index('<svg role="img" aria-labelledby="tally-chart-title"')
    return html[start : html.index("</svg>", start)]


def texts(svg):
    return [text.strip() for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.django_db
def test_the_chart_names_each_option_with_its_count_and_share(client, published):
    svg = chart(client.get(published.url + "results/").text)
    labels = texts(svg)
    # Four ballots: Copyright on 3, Open access on 2, Storytime on 1.
    for label in (
        "Copyright (elected)",
        "3 · 75.0%",
        "Open access (elected)",
        "2 · 50.0%",
        "Storytime",
        "1 · 25.0%",
        "Makerspaces",
        "0 · 0.0%",
    ):
        assert label in labels
    assert "Storytime (elected)" not in labels
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Copyright (elected): 3 (75.0%)" in svg  # read out by screen readers


@pytest.mark.django_db
def test_winners_are_marked_in_words_in_the_chart_and_the_table(client, published):
    html = client.get(published.url + "results/").text
    svg = chart(html)
    won = re.findall(r'<g class="chart__row chart__row--highlight">', svg)
    assert len(won) == 2
    table = html[html.index('<caption id="tally-chart-caption">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r'<tr><th scope="row">(?:<strong>)?([^<]*)(?:</strong>)?</th>(.*?)</tr>', table
    )
    cells = {
        title: re.findall(r'<td class="number">([^<]*)</td>', rest)
        for title, rest in rows
    }
    assert cells["Copyright (elected)"] == ["3", "75.0%"]
    assert cells["Open access (elected)"] == ["2", "50.0%"]
    assert cells["Storytime"] == ["1", "25.0%"]


@pytest.mark.django_db
def test_bars_are_as_long_as_their_counts(client, published):
    svg = chart(client.get(published.url + "results/").text)
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)%"', svg)]
    assert widths[0] > widths[1] > widths[2] > widths[3] == 0
    assert widths[1] == pytest.approx(widths[0] * 2 / 3, abs=0.01)


@pytest.mark.django_db
def test_long_option_names_wrap_onto_several_lines(client, make_election):
    long_title = "Research data management for small academic libraries in Africa"
    election = make_election(
        options=[long_title, "Makerspaces"], results_visibility="live"
    )
    Ballot.objects.create(
        election_key=election.translation_key,
        choices=[election.option_list[0].key],
    )
    labels = texts(chart(client.get(election.url + "results/").text))
    assert long_title not in labels
    assert " ".join(labels[:3]) == long_title + " (elected)"


@pytest.mark.django_db
def test_bars_grow_from_the_right_in_arabic(client, published):
    from wagtail.models import Locale

    arabic = published.copy_for_translation(
        Locale.objects.get_or_create(language_code="ar")[0], copy_parents=True
    )
    arabic.save_revision().publish()
    svg = chart(client.get(arabic.url + "results/").text)
    assert 'direction="rtl"' in svg
    first = re.search(r'<rect[^>]* x="([\d.]+)%"[^>]* width="([\d.]+)%"', svg)
    assert float(first.group(1)) + float(first.group(2)) == pytest.approx(100)
