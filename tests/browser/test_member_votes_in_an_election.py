"""The demo's member (member@example.org) signs in, opens the members'
election "Webinars 2019", reads how to vote, is told when the ballot names
too many options, votes for three, and gets a receipt."""

import re

from playwright.sync_api import expect

from voting.models import Ballot, ElectionPage

from .helpers import assert_accessible, log_in


def test_member_votes_in_webinars_2019(demo, base_url, journey):
    page = journey
    ballots_before = Ballot.objects.count()
    log_in(page, base_url, "member@example.org")
    page.goto(f"{base_url}/en/elections/")
    assert_accessible(page)
    page.get_by_role("link", name="Webinars 2019").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webinars 2019")
    expect(page.get_by_text("Tick up to 3 options that you support.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Vote", exact=True).click()
    ballot = page.get_by_role("group", name=re.compile("Which three webinars"))
    for option in (
        "Digital preservation",
        "Wikipedia and libraries",
        "Accessible library websites",
        "Grant writing",
    ):
        ballot.get_by_label(option).check()
    assert_accessible(page)
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose at most 3 options.")
    assert Ballot.objects.count() == ballots_before  # nothing stored
    assert_accessible(page)

    page.get_by_role("group").get_by_label("Grant writing").uncheck()
    page.get_by_role("button", name="Cast my ballot").click()
    receipt_box = page.get_by_role("status")
    expect(receipt_box).to_contain_text("Thank you: your ballot has been counted")
    receipt = page.locator(".election-receipt .receipt-code").inner_text()
    expect(receipt_box.get_by_role("listitem")).to_have_count(3)
    election = ElectionPage.objects.get(slug="webinars-2019")
    assert Ballot.objects.get(receipt=receipt).election_key == election.translation_key
    assert Ballot.objects.count() == ballots_before + 1
    assert_accessible(page)
