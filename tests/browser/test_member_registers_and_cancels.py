"""The demo's member (member@example.org) registers for a webinar in one
click, sees the join link that only registered people see, is emailed the
details with a calendar file, then cancels and the place is free again."""

from playwright.sync_api import expect

from events.models import Registration

from .helpers import assert_accessible, emails_to, log_in

EVENT = "/en/events/library-services-for-refugees/"


def test_member_registers_and_cancels(demo, base_url, journey):
    page = journey
    log_in(page, base_url, "member@example.org")
    page.goto(base_url + "/en/events/")
    assert_accessible(page)
    page.get_by_role("link", name="Library services for refugees").click()
    expect(page.locator("dd time")).to_contain_text("14:00 UTC−3, Buenos Aires")
    # With JavaScript, the time in the reader's own zone too.
    expect(page.get_by_text("In your time zone:")).to_be_visible()
    assert not page.get_by_role("link", name="Join the event").count()
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    expect(page.get_by_role("link", name="Join the event")).to_have_attribute(
        "href", "https://meet.example.org/librarians-library-services-for-refugees"
    )
    assert_accessible(page)
    mine = Registration.objects.get(email="member@example.org")
    assert mine.status == "registered"
    assert mine.time_zone  # the browser's zone, for the reminders
    [email] = emails_to("member@example.org")
    assert "You are registered" in email.subject
    assert [name for name, _content, _type in email.attachments] == ["event.ics"]

    # Back on the page later: still registered, and a way to cancel.
    page.goto(base_url + EVENT)
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled")
    assert_accessible(page)
    mine.refresh_from_db()
    assert mine.status == "cancelled"
    page.goto(base_url + EVENT)
    expect(page.get_by_role("button", name="Register", exact=True)).to_be_visible()
