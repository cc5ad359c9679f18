"""While nominations are open, the demo's member (member@example.org)
proposes an option for an election: the browser asks for the missing title
first, then the proposal is thanked and waits for the organisers'
review. The demo's organiser (organiser@example.org) then accepts it from
the row's "More options" menu on the election's dashboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from voting.factories import ElectionPageFactory
from voting.models import ElectionIndexPage, Nomination

from .helpers import assert_accessible, log_in, log_in_to_admin


@pytest.fixture
def election(demo):
    now = timezone.now()
    return ElectionPageFactory(
        parent=ElectionIndexPage.objects.get(locale__language_code="en"),
        title="Webinars 2020",
        slug="webinars-2020",
        nominations_open_at=now - datetime.timedelta(days=1),
        nominations_close_at=now + datetime.timedelta(days=6),
        voting_opens_at=now + datetime.timedelta(days=7),
        voting_closes_at=now + datetime.timedelta(days=21),
    )


def test_member_proposes_an_option(election, base_url, journey):
    page = journey
    log_in(page, base_url, "member@example.org")
    page.goto(f"{base_url}/en/elections/")
    page.get_by_role("link", name="Webinars 2020").click()
    expect(page.get_by_text("Nominations open", exact=True).first).to_be_visible()
    page.get_by_role("link", name="Propose an option").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose an option")
    assert_accessible(page)

    # Without a title the browser itself asks for one; nothing is sent.
    page.get_by_role("button", name="Propose").click()
    title = page.get_by_label("Option")
    assert title.evaluate("(field) => field.validity.valueMissing")
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose an option")
    assert not Nomination.objects.exists()

    page.get_by_label("Option").fill("Library services for older people")
    page.get_by_label("Why it matters").fill("Half our readers are over sixty.")
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_role("status")).to_contain_text(
        "the organisers will review your proposal"
    )
    assert_accessible(page)
    nomination = Nomination.objects.get()
    assert nomination.title == "Library services for older people"
    assert nomination.proposed_by.email == "member@example.org"
    assert nomination.election_key == election.translation_key
    assert nomination.status == Nomination.Status.PENDING

    # The organiser reviews it on the election's dashboard: Accept and
    # Reject are in the row's menu, as in Wagtail's own listings.
    page.context.clear_cookies()
    log_in_to_admin(page, base_url, "organiser@example.org")
    page.goto(f"{base_url}/admin/elections/{election.pk}/")
    nominations = page.get_by_role("region", name="Nominations")
    row = nominations.locator("tbody tr").filter(has_text=nomination.title)
    expect(row).to_contain_text("Waiting for review")
    assert_accessible(page)
    row.get_by_role(
        "button", name="More options for Library services for older people"
    ).click()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("Nomination reviewed.")).to_be_visible()
    expect(row).to_contain_text("Accepted")
    expect(row.get_by_role("button")).to_have_count(0)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
