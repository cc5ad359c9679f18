"""The matching desk at the size of a big round (issue #23): it pages its
lists (50 rows each) and loads a person's swap choices on demand, so the
desk costs the same queries and about the same bytes whatever the number of
matches and of people not matched."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from program.admin_views import DESK_PAGE_SIZE
from program.factories import ApplicationFactory
from program.models import Match
from program.storage import create_match

pytestmark = pytest.mark.django_db

COUNTRIES = ("ES", "GB", "FR", "MX", "JP", "KE", "BR", "IN")


def add_people(round_page, pairs, alone):
    """`pairs` more proposed matches (the odd ones locked) and `alone`
    more people nobody has matched yet."""
    people = [
        ApplicationFactory(round=round_page, country=COUNTRIES[i % len(COUNTRIES)])
        for i in range(2 * pairs + alone)
    ]
    for i in range(pairs):
        create_match(
            round_page, [people[2 * i].pk, people[2 * i + 1].pk], locked=i % 2 == 1
        )
    return people


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content), response.text


def test_the_desk_costs_the_same_whatever_the_number_of_matches(
    client, desk, round_page
):
    add_people(round_page, DESK_PAGE_SIZE + 5, DESK_PAGE_SIZE + 5)
    measure(client, desk)  # warm caches (site, locales, admin menus)
    queries, size, _page = measure(client, desk)

    add_people(round_page, 3 * DESK_PAGE_SIZE, 3 * DESK_PAGE_SIZE)
    more_queries, more_size, page = measure(client, desk)

    assert more_queries == queries
    # The same 50 rows of each list; only counts and the chart may grow.
    assert abs(more_size - size) < 2_000, (size, more_size)
    assert page.count("data-swap-url") == DESK_PAGE_SIZE  # the unlocked half
    assert 'name="second"' not in page  # no swap list on the desk itself

    # The last page of matches holds the last ones, and the other lists
    # keep their own page.
    last = Match.objects.filter(round=round_page).order_by("pk").last()
    *_counts, last_page = measure(client, desk + "?page=5&unmatched=2")
    assert last.member_a.name in last_page
    assert "Page 5 of 5 (205 in all)" in last_page
    assert "Page 2 of 5 (205 in all)" in last_page
    assert 'href="?page=4&amp;unmatched=2#matches-heading"' in last_page
    # Nonsense page numbers show a page, never an error.
    assert measure(client, desk + "?page=x&unmatched=999")[0] == queries


def test_swap_choices_load_on_demand_for_unlocked_proposed_matches_only(
    client, desk, round_page
):
    people = add_people(round_page, 4, 0)
    url = f"{desk}swap/{people[0].pk}/"
    client.get(url + "?fragment=1")  # warm caches (site, locales)
    with CaptureQueriesContext(connection) as few:
        fragment = client.get(url + "?fragment=1")
    # Her own partner, and the people of locked matches, are no choice.
    for other, listed in ((people[1], False), (people[4], True), (people[2], False)):
        assert (f'value="{other.pk}"' in fragment.text) is listed
    add_people(round_page, 40, 0)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url + "?fragment=1").status_code == 200
    assert len(many) == len(few)
    # A locked match's people cannot be swapped: 404.
    refused = client.get(f"{desk}swap/{people[2].pk}/", follow=True)
    assert refused.status_code == 404
