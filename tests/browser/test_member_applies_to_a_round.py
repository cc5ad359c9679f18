"""A member (member@, Amaka Obi) applies to the round that is open (demo
round 4): finds it on the program page, fills in the form and ticks when she
is usually free in the weekly grid (a table of checkboxes that fits a phone;
a missing time zone is pointed out and her ticks stay), is told the
application is in and receives the email; later she comes back from the
round page, sees her ticks, changes her goals and withdraws."""

import re

from playwright.sync_api import expect

from program.matching.availability import hours_of_periods
from program.models import Application

from .helpers import assert_accessible, emails_to, log_in

MEMBER = "member@example.org"


def test_member_applies_to_the_open_round_then_edits_and_withdraws(
    demo, journey, base_url
):
    page = journey
    log_in(page, base_url, MEMBER)

    # The open round is listed among the current rounds of the program.
    page.goto(f"{base_url}/en/mentoring/")
    assert_accessible(page)
    current = page.locator(
        "section", has=page.get_by_role("heading", name="Current rounds")
    )
    current.get_by_role("link", name="Round 4").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Round 4")
    # The round's status (the timeline of its dates names the stage too).
    expect(page.get_by_text("Status: Applications open")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Apply to this round").click()

    # The form starts from her profile; her address is her account's.
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply to Round 4")
    assert_accessible(page)
    expect(page.get_by_label("Your name")).to_have_value("Amaka Obi")
    expect(page.get_by_label("Email address")).to_have_value(MEMBER)
    expect(page.get_by_label("Email address")).to_be_disabled()
    expect(page.get_by_label("Country you work in")).to_have_value("NG")
    page.get_by_label("English").check()
    page.get_by_label("French").check()
    page.get_by_label("Library sector").select_option(label="Academic library")
    page.get_by_label("Career stage").select_option("mid")
    page.get_by_label("outreach").check()
    page.get_by_label("What you hope to get from the partnership").fill(
        "Ideas for information literacy classes."
    )
    page.get_by_label("Email", exact=True).check()

    # When she is usually free, in her own time: a table with a row per day
    # and a column per part of the day, each box named for both.
    grid = page.get_by_role("group", name="When you are usually free to talk")
    expect(grid.get_by_role("columnheader", name="Evening 18:00–22:00")).to_be_visible()
    expect(grid.get_by_role("rowheader", name="Wednesday")).to_be_visible()
    for block in ("Monday, evening", "Wednesday, evening", "Saturday, morning"):
        grid.get_by_role("checkbox", name=block).check()
    # The grid fits the screen, on a phone too: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways"
    )
    page.get_by_role("button", name="Send my application").click()

    # She forgot her time zone: told what to fix, nothing saved yet.
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("nothing has been saved yet")
    expect(
        summary.get_by_role("link", name="Time zone: Choose your time zone.")
    ).to_be_visible()
    assert not Application.objects.filter(email=MEMBER).exists()
    expect(page.get_by_role("checkbox", name="Wednesday, evening")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Tuesday, evening")).not_to_be_checked()
    assert_accessible(page)
    time_zone = page.get_by_label("Time zone")
    expect(time_zone.locator("optgroup[label='Africa']")).to_have_count(1)
    time_zone.select_option("Africa/Lagos")
    expect(time_zone.locator("option:checked")).to_have_text(
        re.compile(r"^Nigeria \(UTC\+01:00\)$")
    )
    page.get_by_role("button", name="Send my application").click()

    # Back on the round page: the application is in, and an email says so.
    expect(page.get_by_role("status")).to_contain_text("your application is in")
    expect(
        page.get_by_text("You have applied to this round. Status: Submitted.")
    ).to_be_visible()
    assert_accessible(page)
    application = Application.objects.get(email=MEMBER)
    assert (application.email, application.time_zone) == (MEMBER, "Africa/Lagos")
    assert application.languages == ["en", "fr"]
    assert application.availability == hours_of_periods(
        ["0-evening", "2-evening", "5-morning"]
    )
    (email,) = emails_to(MEMBER)
    assert email.subject == "Your application to Round 4"
    assert "your application is in" in email.body

    # Later, from the round page, she changes her goals…
    page.goto(f"{base_url}/en/mentoring/round-4/")
    page.get_by_role("link", name="See, change or withdraw your application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    assert_accessible(page)
    expect(page.get_by_role("checkbox", name="Saturday, morning")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Sunday, morning")).not_to_be_checked()
    goals = page.get_by_label("What you hope to get from the partnership")
    expect(goals).to_have_value("Ideas for information literacy classes.")
    goals.fill("Ideas for information literacy classes and for outreach.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    application.refresh_from_db()
    assert application.goals.endswith("and for outreach.")

    # …and then withdraws.
    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.get_by_text("Your application is withdrawn.")).to_be_visible()
    expect(page.get_by_text("Status: Withdrawn")).to_be_visible()
    assert_accessible(page)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    page.goto(f"{base_url}/en/mentoring/round-4/")
    expect(
        page.get_by_text("You have applied to this round. Status: Withdrawn.")
    ).to_be_visible()
