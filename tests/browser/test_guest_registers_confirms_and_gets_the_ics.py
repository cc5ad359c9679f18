"""A reader without an account registers for a webinar with her name and
address, confirms from the link in her email, and gets the event's `.ics`
attached to the confirmation (and from the page), with the fields calendar
clients need."""

from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from events.models import Registration

from .helpers import assert_accessible, emails_to, link_in_email

EVENT = "/en/events/data-literacy/"


def test_guest_registers_confirms_and_gets_the_ics(demo, base_url, journey):
    page = journey
    page.goto(base_url + EVENT)
    expect(page.locator("dd time")).to_contain_text("19:00 UTC+5:30, Kolkata")
    assert_accessible(page)

    # A wrong address is explained; nothing is saved.
    page.get_by_label("Your name").fill("Rosa Díaz")
    page.get_by_label("Your email address").fill("rosa at example")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("valid email address")
    assert not Registration.objects.filter(name="Rosa Díaz").exists()

    page.get_by_label("Your name").fill("Rosa Díaz")
    page.get_by_label("Your email address").fill("rosa@example.org")
    page.get_by_label("Country (optional)").select_option(label="Peru")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "we have emailed rosa@example.org"
    )
    assert_accessible(page)
    assert Registration.objects.get(email="rosa@example.org").status == "pending"

    page.goto(base_url + link_in_email("rosa@example.org", r"/confirm/[\w-]+/$"))
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    expect(page.get_by_role("link", name="Join the event")).to_be_visible()
    assert_accessible(page)
    guest = Registration.objects.get(email="rosa@example.org")
    assert (guest.status, guest.country.code) == ("registered", "PE")

    email = emails_to("rosa@example.org")[-1]
    [(name, content, mimetype)] = email.attachments
    assert (name, mimetype) == ("event.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    for field in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert field in event
    assert event["DTSTART"].params["TZID"] == "Asia/Kolkata"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]
    # The registered person's file carries the join link.
    assert "meet.example.org" in str(event["LOCATION"])

    # The public file from the page's link: the same event, no join link.
    page.goto(base_url + EVENT)
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to your calendar (.ics)").click()
    public = Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert public.walk("VEVENT")[0]["UID"] == event["UID"]
    assert "meet.example.org" not in public.to_ical().decode()
