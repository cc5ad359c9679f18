"""The demo's editor (editor@example.org) turns the winners of the
published "Webinars 2018" election into events in one step from the admin:
one page per winning option not yet held (the demo has three of
the four), dates to be confirmed, each
linked back to the election and its results."""

from playwright.sync_api import expect
from wagtail.models import Page

from events.models import EventPage

from .helpers import assert_accessible, log_in_to_admin


def test_editor_creates_events_from_an_elections_winners(demo, base_url, journey):
    page = journey
    election = Page.objects.get(slug="webinars-2018", locale__language_code="en")
    log_in_to_admin(page, base_url, "editor@example.org")
    page.goto(f"{base_url}/admin/pages/{election.get_parent().pk}/")
    page.get_by_role("button", name="More options for 'Webinars 2018'").click()
    page.get_by_role("link", name="Create an event for each winning option").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Events from")
    expect(page.get_by_text("already has its event").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create the events").click()
    expect(page.get_by_text("1 event created")).to_be_visible()
    assert_accessible(page)

    made = EventPage.objects.filter(election=election, locale=election.locale)
    assert sorted(made.values_list("title", flat=True)) == [
        "Data literacy",
        "Library services for refugees",
        "Marketing on a shoestring",
        "Open access for beginners",
    ]
    # The public sees one, its date to be confirmed, linked to the results.
    event = made.get(title="Marketing on a shoestring")
    assert event.live
    context = journey.context.browser.new_context(viewport=journey.viewport_size)
    reader = context.new_page()
    reader.goto(base_url + event.url)
    expect(reader.get_by_text("Date to be confirmed").first).to_be_visible()
    expect(reader.get_by_role("link", name="results")).to_have_attribute(
        "href", election.url + "results/"
    )
    assert_accessible(reader)
    context.close()
