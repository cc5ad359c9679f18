"""On the Matching desk a proposed match's Lock, Unlock and Unpair… are in
its row's "More options" menu, as in Wagtail's own listings: Lock submits a
POST form with its CSRF token, Unpair… opens the row's confirmation dialog.
Running matching again replaces the proposals not locked, so its button
opens a confirmation dialog instead of posting at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.models import Match
from program.storage import run_matching

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(desk_organiser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk_organiser)
    return client


@pytest.fixture
def proposed(home):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    ApplicationFactory(round=round_page, name="Ana Ruiz", country="ES")
    ApplicationFactory(round=round_page, name="Bo Li", country="FR")
    run_matching(round_page)
    return round_page, Match.objects.get()


def desk(client, round_page):
    return client.get(reverse("program_round_desk", args=[round_page.pk])).text


def test_locking_from_the_row_menu_posts_the_rows_form(organiser_client, proposed):
    round_page, match = proposed
    page = desk(organiser_client, round_page)
    menu = re.search(
        r'aria-label="More options for ([^"]+)".*?'
        r'data-w-dropdown-target="content"[^>]*>(.*?)</div>',
        page,
        re.S,
    )
    assert sorted(menu.group(1).split(", ")) == ["Ana Ruiz", "Bo Li"]
    assert f'form="lock-{match.pk}">Lock</button>' in menu.group(2)
    assert f'data-a11y-dialog-show="unpair-{match.pk}">Unpair…' in menu.group(2)
    assert f'id="unpair-{match.pk}"' in page and "Unpair these people?" in page
    action = reverse("program_match_action", args=[round_page.pk, match.pk, "lock"])
    token = re.search(
        rf'action="{re.escape(action)}" id="lock-{match.pk}">'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    ).group(1)
    response = organiser_client.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.locked
    assert f'form="lock-{match.pk}">Unlock</button>' in desk(
        organiser_client, round_page
    )


def test_running_matching_again_asks_first(organiser_client, proposed):
    round_page, _match = proposed
    page = desk(organiser_client, round_page)
    toggle = re.search(
        r'<button type="button" class="button" data-a11y-dialog-show="run-dialog">'
        r"\s*Re-run matching for everyone not locked",
        page,
    )
    assert toggle
    assert "Re-run matching?" in page
    assert 'form="run-form" class="button">Yes, re-run matching</button>' in page
