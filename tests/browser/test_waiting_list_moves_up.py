"""A full webinar: the demo's member joins its waiting list; when a
registered reader cancels from the link in her email, the member is moved
up at once, emailed, and sees the join link."""

import pytest
from playwright.sync_api import expect

from events.models import EventPage, Registration

from .helpers import assert_accessible, emails_to, log_in

EVENT = "/en/events/library-services-for-refugees/"


@pytest.fixture
def full_event(demo):
    event = EventPage.objects.get(
        slug="library-services-for-refugees", locale__language_code="en"
    )
    event.capacity = 10  # the demo's ten readers hold every place
    event.save_revision().publish()
    return event


def test_waiting_list_moves_up(full_event, base_url, journey):
    page = journey
    log_in(page, base_url, "member@example.org")
    page.goto(base_url + EVENT)
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("you are on the waiting list")
    assert not page.get_by_role("link", name="Join the event").count()
    assert_accessible(page)
    assert Registration.objects.get(email="member@example.org").status == "waiting"

    # A registered reader cancels in her own browser, from her link.
    leaving = Registration.objects.get(email="reader3@example.org")
    context = journey.context.browser.new_context(viewport=journey.viewport_size)
    reader = context.new_page()
    reader.goto(base_url + EVENT + f"cancel/{leaving.token}/")
    expect(reader.get_by_text("Your place will go to the first person")).to_be_visible()
    reader.get_by_role("button", name="Cancel my registration").click()
    expect(reader.get_by_role("status")).to_contain_text(
        "Your registration is cancelled"
    )
    assert_accessible(reader)
    context.close()

    assert Registration.objects.get(email="member@example.org").status == "registered"
    assert (
        Registration.objects.filter(
            event_key=full_event.translation_key, status="registered"
        ).count()
        == 10
    )
    moved = emails_to("member@example.org")[-1]
    assert "A place is yours" in moved.subject
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    expect(page.get_by_role("link", name="Join the event")).to_be_visible()
