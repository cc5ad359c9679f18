"""The Matching desk follows a run in the background: its script polls the
progress, moves the bar, and reloads the page when the run has finished."""

import pytest
from playwright.sync_api import expect

from program.factories import ProgramPageFactory, RoundPageFactory
from program.models import MatchingRun
from website.factories import UserFactory

from .helpers import log_in_to_admin

pytestmark = pytest.mark.browser


def test_the_desk_shows_progress_and_reloads_when_matching_ends(
    live_server, page, home
):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    UserFactory(username="organiser", is_superuser=True, is_staff=True)
    run = MatchingRun.objects.create(
        round=round_page, status="running", phase="graph", percent=5
    )
    log_in_to_admin(page, live_server.url, "organiser")

    page.goto(f"{live_server.url}/admin/program/matching/{round_page.pk}/")
    bar = page.locator("#run-progress")
    expect(bar).to_have_attribute("value", "5")

    MatchingRun.objects.filter(pk=run.pk).update(phase="solve", percent=25)
    expect(page.locator("[data-run-phase]")).to_have_text("Choosing the pairs")
    expect(page.locator("[data-run-percent]")).to_have_text("25%")

    MatchingRun.objects.filter(pk=run.pk).update(
        status="done",
        phase="done",
        percent=100,
        counts={"pairs": 3, "trios": 0, "unmatched": 1},
    )
    expect(page.get_by_text("3 pairs and 0 trios; 1 person unmatched.")).to_be_visible()
    expect(page.locator("#run-progress")).to_have_count(0)
