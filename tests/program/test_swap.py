"""Swapping two people of different matches on the Matching desk: each takes
the other's place, within the hard rules; locked and released matches stay
as they are."""

import pytest
from django.contrib.messages import get_messages
from wagtail.models import ModelLogEntry

from program.factories import ApplicationFactory
from program.models import Match, MatchSeat
from program.storage import SwapRefused, create_match, swap
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(round_page):
    """Ana (ES) with Bo (GB), Cy (ES) with Di (FR); everyone speaks English."""
    found = {
        name: ApplicationFactory(round=round_page, name=name, country=country)
        for name, country in (("Ana", "ES"), ("Bo", "GB"), ("Cy", "ES"), ("Di", "FR"))
    }
    create_match(round_page, [found["Ana"].pk, found["Bo"].pk])
    create_match(round_page, [found["Cy"].pk, found["Di"].pk])
    return found


def groups():
    return {
        frozenset(match.member_ids) for match in Match.objects.all()
    }, MatchSeat.objects.count()


def ids(people, *names):
    return frozenset(people[name].pk for name in names)


def test_a_swap_gives_each_the_others_partner_and_locks_both(round_page, people):
    ana_with_di, cy_with_bo = swap(round_page, people["Bo"].pk, people["Di"].pk)
    assert groups() == ({ids(people, "Ana", "Di"), ids(people, "Cy", "Bo")}, 4)
    assert ana_with_di.locked and cy_with_bo.locked
    assert "shared languages: English" in ana_with_di.explanation
    seat = MatchSeat.objects.get(application=people["Di"])
    assert seat.match_id == ana_with_di.pk


def test_a_swap_that_breaks_a_rule_is_refused_and_says_which(round_page, people):
    before = groups()
    with pytest.raises(SwapRefused, match="Ana and Cy are from the same country"):
        swap(round_page, people["Bo"].pk, people["Cy"].pk)
    assert groups() == before


def test_locked_matches_and_one_match_are_not_swapped(round_page, people):
    with pytest.raises(SwapRefused, match="already in the same match"):
        swap(round_page, people["Ana"].pk, people["Bo"].pk)
    Match.objects.filter(member_a=people["Ana"]).update(locked=True)
    with pytest.raises(SwapRefused, match="locked: unlock it first"):
        swap(round_page, people["Bo"].pk, people["Di"].pk)
    Match.objects.update(locked=False, status=Match.Status.RELEASED)
    with pytest.raises(SwapRefused, match="released"):
        swap(round_page, people["Bo"].pk, people["Di"].pk)


def test_the_desk_swaps_logs_it_and_answers_bad_input_with_a_message(
    client, round_page, people
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    desk = f"/admin/program/matching/{round_page.pk}/"
    page = client.get(desk)
    choices = f"{desk}swap/{people['Bo'].pk}/"
    assert f'href="{choices}"' in page.text
    # Bo's swap choices are loaded on demand: everyone in another match.
    fragment = client.get(choices + "?fragment=1")
    assert 'name="first"' in fragment.text and "<html" not in fragment.text
    assert f'value="{people["Di"].pk}"' in fragment.text
    assert f'value="{people["Ana"].pk}"' not in fragment.text
    assert "Swap Bo" in client.get(choices).text

    response = client.post(
        desk + "swap/", {"first": people["Bo"].pk, "second": people["Di"].pk}
    )
    assert response.status_code == 302
    assert groups()[0] == {ids(people, "Ana", "Di"), ids(people, "Cy", "Bo")}
    assert ModelLogEntry.objects.filter(action="program.swap").count() == 2

    for bad in ({"first": "x"}, {"first": people["Ana"].pk, "second": 999999}):
        response = client.post(desk + "swap/", bad)
        assert response.status_code == 302
        *_earlier, message = get_messages(response.wsgi_request)
        assert message.level_tag == "error"
    assert groups()[0] == {ids(people, "Ana", "Di"), ids(people, "Cy", "Bo")}
