"""An organiser unpairs a proposed match from its row's "More options" menu
on the Matching desk: Wagtail's dialog asks first, then the match is gone
and its members wait, not matched, for the next run."""

import pytest
from playwright.sync_api import expect

from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.models import Match
from program.storage import run_matching
from website.factories import UserFactory

from .helpers import assert_accessible, choose_in_row_menu, log_in_to_admin

pytestmark = pytest.mark.browser


def test_organiser_unpairs_a_proposed_match(live_server, page, home):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    ApplicationFactory(round=round_page, name="Ana Ruiz", country="ES")
    ApplicationFactory(round=round_page, name="Bo Li", country="FR")
    run_matching(round_page)
    UserFactory(username="organiser", is_superuser=True, is_staff=True)
    log_in_to_admin(page, live_server.url, "organiser")

    page.goto(f"{live_server.url}/admin/program/matching/{round_page.pk}/")
    matches = page.get_by_role("region", name="Matches", exact=True)
    row = matches.locator("tbody tr").filter(has_text="Ana Ruiz")
    choose_in_row_menu(page, row, "Unpair…")
    dialog = page.get_by_role("dialog", name="Unpair these people?")
    expect(dialog).to_contain_text("Bo Li")
    assert_accessible(page)
    dialog.get_by_role("button", name="Yes, unpair").click()

    expect(matches).to_contain_text("No matches yet.")
    expect(page.get_by_role("region", name="Not matched")).to_contain_text("Ana Ruiz")
    assert not Match.objects.filter(round=round_page).exists()
