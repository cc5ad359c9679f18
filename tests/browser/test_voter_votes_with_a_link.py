"""A voter on a closed election's list opens the ballot link from their
invitation email, ranks the options, and keeps the receipt code; the same
link again answers politely that they have voted; after the close they find
their receipt, whole on one line, in the published list and look their
ballot up by its code."""

import re

import pytest
from playwright.sync_api import expect

from voting import actions, casting, electorate
from voting.factories import ElectionPageFactory
from voting.models import Ballot, ElectionIndexPage

from .helpers import assert_accessible, emails_to, link_in_email

EMAIL = "rosa@example.org"
OTHERS = ["amadou@example.org", "li@example.org"]
OPTIONS = ["Open access", "Copyright", "Makerspaces", "Storytime"]


@pytest.fixture
def election(demo):
    """A closed-list election by ranking, open now, whose voters the
    organisers have invited (with other voters' ballots already in)."""
    election = ElectionPageFactory(
        parent=ElectionIndexPage.objects.get(locale__language_code="en"),
        title="Webinars 2020",
        slug="webinars-2020",
        ballot_type="rank",
        max_choices=None,
        counting_rule="stv",
        winners=2,
        electorate="closed",
        options=OPTIONS,
    )
    roll = "email,name\n" + "".join(f"{e},\n" for e in [EMAIL, *OTHERS])
    assert electorate.import_roll(election, roll).ok
    electorate.invite(election)
    keys = {option.title: option.key for option in election.option_list}
    for email, ranking in zip(OTHERS, (["Copyright"], ["Storytime"]), strict=True):
        token = link_in_email(email, r"/vote/[0-9a-f]{64}/$").split("/")[-2]
        casting.cast_ballot(election, [keys[t] for t in ranking], token=token)
    return election


def lines_of(locator):
    """How many lines the text of an element takes on screen."""
    return locator.evaluate(
        """(element) => {
            const range = document.createRange();
            range.selectNodeContents(element);
            return new Set(
                [...range.getClientRects()].map((rect) => Math.round(rect.top))
            ).size;
        }"""
    )


def test_voter_votes_with_the_link_from_their_invitation(election, base_url, journey):
    page = journey
    (invitation,) = emails_to(EMAIL)
    assert invitation.subject == "Your ballot: Webinars 2020"
    link = link_in_email(EMAIL, r"/vote/[0-9a-f]{64}/$")

    # The ballot: rank two of the four options.
    page.goto(base_url + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Webinars 2020")
    assert_accessible(page)
    page.get_by_label("Open access").select_option("1")
    page.get_by_label("Makerspaces").select_option("2")
    page.get_by_role("button", name="Cast my ballot").click()

    receipt_box = page.get_by_role("status")
    expect(receipt_box).to_contain_text("Thank you: your ballot has been counted")
    code = page.locator(".election-receipt .receipt-code")
    receipt = code.inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", receipt)
    assert lines_of(code) == 1
    expect(receipt_box.get_by_role("listitem")).to_have_text(
        ["Open access", "Makerspaces"]
    )
    keys = {option.title: option.key for option in election.option_list}
    assert Ballot.objects.get(receipt=receipt).choices == [
        keys["Open access"],
        keys["Makerspaces"],
    ]
    assert_accessible(page)

    # The same link again: a page that says so, and where the receipt goes.
    response = page.goto(base_url + link)
    assert response.status == 409
    expect(page.get_by_role("heading", name="You have already voted")).to_be_visible()
    expect(page.get_by_role("button", name="Cast my ballot")).to_have_count(0)
    assert_accessible(page)
    assert Ballot.objects.filter(election_key=election.translation_key).count() == 3

    # After the close the results and every ballot are published.
    actions.close_early(election)
    actions.publish_results(election)
    page.get_by_role("link", name="The results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Webinars 2020")
    row = page.get_by_role("row").filter(has_text=receipt)
    expect(row).to_contain_text("Open access > Makerspaces")
    assert lines_of(row.locator(".receipt-code")) == 1
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the results page scrolls sideways"
    assert_accessible(page)

    # Looking it up by the code, typed as a person might.
    page.get_by_label("Your receipt code").fill(receipt.lower().replace("-", " "))
    page.get_by_role("button", name="Find my ballot").click()
    found = page.locator("#receipt-found")
    expect(found).to_contain_text(f"The ballot with the receipt code {receipt}")
    expect(found).to_contain_text("Open access > Makerspaces")
    assert_accessible(page)
