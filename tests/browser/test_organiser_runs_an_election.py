"""The demo's organiser (organiser@example.org, in the "Organisers" group)
creates a closed election in the Wagtail admin, imports its list of voters
from a CSV file (a bad file first: every bad line explained, nothing
imported), invites them, watches the turnout as two of them vote through
their emailed links, reminds the third, closes voting after confirming,
publishes the results after confirming, and the public sees them."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from voting.models import ElectionPage, Voter

from .helpers import (
    assert_accessible,
    background_save_done,
    emails_to,
    link_in_email,
    log_in_to_admin,
)

TITLE = "Training days 2026"
OPTIONS = ["Cataloguing with Wikidata", "Copyright clinic", "Library podcasts"]

BAD_LIST = (
    "email,name,language\n"
    "ines@example.org,Inés,es\n"
    "not-an-address,Somebody,\n"
    "paulo@example.org,Paulo,pt\n"
    "INES@example.org,Inés again,\n"
)
GOOD_LIST = (
    "email,name,language\n"
    "ines@example.org,Inés,es\n"
    "paulo@example.org,Paulo,en\n"
    "wanjiru@example.org,Wanjiru,en\n"
)
BALLOT_LINK = r"/vote/[0-9a-f]{64}/$"


def when(delta):
    """A date and time as the admin's date-time fields take it."""
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%d %H:%M")


def upload(page, text):
    page.get_by_label("List of voters (CSV)").set_input_files(
        {"name": "voters.csv", "mimeType": "text/csv", "buffer": text.encode()}
    )
    page.get_by_role("button", name="Import", exact=True).click()


def vote_by_link(journey, base_url, email, option):
    """A voter opens the link in their invitation in their own browser and
    casts a one-choice ballot."""
    context = journey.context.browser.new_context(viewport=journey.viewport_size)
    voter = context.new_page()
    voter.goto(base_url + link_in_email(email, BALLOT_LINK))
    voter.get_by_label(option).check()
    voter.get_by_role("button", name="Cast my ballot").click()
    expect(voter.get_by_text("Thank you: your ballot has been counted")).to_be_visible()
    context.close()


def test_organiser_creates_runs_and_publishes_an_election(demo, base_url, journey):
    page = journey
    log_in_to_admin(page, base_url, "organiser@example.org")

    # The organiser's page rights are on the election index and the
    # mentoring program: the explorer opens on the two, and she goes into
    # Elections.
    page.goto(f"{base_url}/admin/pages/")
    listing = page.locator("main table")
    expect(listing.locator("tr", has_text="Peer mentoring")).to_be_visible()
    listing.locator("tr", has_text="Elections").get_by_role(
        "link", name=re.compile("Explore")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elections")
    assert_accessible(page)
    page.get_by_role("link", name="Add child page").click()

    # A closed election: one choice, counted by plurality, one winner.
    page.get_by_placeholder("Page title*").fill(TITLE)
    page.locator("#id_question").fill("Which training day should we hold first?")
    for number, option in enumerate(OPTIONS):
        page.get_by_role("button", name="Add Option").click()
        page.locator(f"#id_options-{number}-title").fill(option)
    page.locator("#id_ballot_type").select_option(label="One choice")
    page.locator("#id_counting_rule").select_option(label="Plurality")
    page.locator("#id_winners").fill("1")
    page.locator("#id_electorate").select_option(label="A closed list of voters")
    page.locator("#id_voting_opens_at").fill(when(-datetime.timedelta(hours=1)))
    page.locator("#id_voting_closes_at").fill(when(datetime.timedelta(days=14)))
    page.locator("#id_question").click()  # closes the date picker
    assert_accessible(page)
    background_save_done(page)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text(re.compile("(created and published|has been published)"))
    ).to_be_visible()
    election = ElectionPage.objects.get(title=TITLE)
    assert election.live and election.electorate == "closed"

    # From the listing to the election's own dashboard.
    page.get_by_role("button", name=f"More options for '{TITLE}'").click()
    page.get_by_role("link", name="Run the election").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_accessible(page)

    # A bad list: every problem, by line, and nobody added.
    upload(page, BAD_LIST)
    problems = page.get_by_role("alert").filter(has_text="Nothing was imported")
    expect(problems).to_contain_text(
        "Line 3: “not-an-address” is not an email address."
    )
    expect(problems).to_contain_text("Line 4: unknown language “pt”.")
    expect(problems).to_contain_text("Line 5: ines@example.org is already on line 2")
    assert_accessible(page)
    assert not Voter.objects.filter(election_key=election.translation_key).exists()

    upload(page, GOOD_LIST)
    expect(page.get_by_text("3 voters added, 0 already on the list.")).to_be_visible()
    page.get_by_role("button", name="Invite 3 voters not invited yet").click()
    expect(page.get_by_text("3 invitations queued.")).to_be_visible()
    for email in ("ines@example.org", "paulo@example.org", "wanjiru@example.org"):
        assert len(emails_to(email)) == 1

    # Two of them vote; the organiser watches the turnout.
    vote_by_link(journey, base_url, "ines@example.org", "Copyright clinic")
    vote_by_link(journey, base_url, "paulo@example.org", "Copyright clinic")
    page.reload()
    expect(page.get_by_text("2 ballots from 3 voters (66.7%).")).to_be_visible()

    # The third is reminded, with a working link.
    page.get_by_role("button", name="Remind 1 voter who has not voted").click()
    expect(page.get_by_text("1 reminder queued.")).to_be_visible()
    reminder = emails_to("wanjiru@example.org")[-1]
    assert reminder.subject == f"Reminder: your ballot for {TITLE}"
    assert re.search(BALLOT_LINK, link_in_email("wanjiru@example.org", BALLOT_LINK))

    # Closing asks first, and says what it means.
    page.get_by_role("link", name="Close voting now").click()
    expect(page.get_by_text(f"Close voting in “{TITLE}” now?")).to_be_visible()
    expect(page.get_by_text("So far 2 ballots have been cast")).to_be_visible()
    assert_accessible(page)
    election.refresh_from_db()
    assert election.closed_early_at is None
    page.get_by_role("button", name="Yes, close voting now").click()
    expect(page.get_by_text("Voting is closed.")).to_be_visible()

    # So does publishing the results.
    page.get_by_role("link", name="Publish the results").click()
    expect(page.get_by_text(f"Publish the results of “{TITLE}”?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, publish the results").click()
    expect(page.get_by_text("The results are published.", exact=True)).to_be_visible()
    assert_accessible(page)

    # Anyone can now read them.
    context = journey.context.browser.new_context(viewport=journey.viewport_size)
    reader = context.new_page()
    reader.goto(f"{base_url}/en/elections/")
    reader.get_by_role("link", name=TITLE).click()
    reader.get_by_role("link", name="See the results").click()
    winners = reader.locator(".election-winners")
    expect(winners).to_contain_text("And the winners are…")
    expect(winners.get_by_role("listitem")).to_have_text(["Copyright clinic"])
    expect(reader.get_by_text("2 ballots from 3 voters (66.7%).")).to_be_visible()
    chart = reader.get_by_role("img", name="Votes per option")
    expect(chart).to_contain_text("Copyright clinic (elected)")
    expect(chart).to_contain_text("2 · 100.0%")
    assert_accessible(reader)
    context.close()
