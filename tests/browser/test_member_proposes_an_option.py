"""While nominations are open, the demo's member (member@example.org)
proposes an option for an election: the browser asks for the missing title
first, then the proposal is thanked and waits for the organisers'
review."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from voting.factories import ElectionPageFactory
from voting.models import ElectionIndexPage, Nomination

from .helpers import assert_accessible, log_in


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
