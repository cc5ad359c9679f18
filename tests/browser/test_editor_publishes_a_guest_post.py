"""Edna, the demo's editor (editor@example.org, Wagtail's "Editors" group),
writes a guest post in the admin with a featured image she uploads and its
CC BY credit, and publishes it herself; readers see it with the credit,
each part linked. She schedules another post for next week: readers get
nothing until Wagtail's scheduled publishing (`publish_scheduled`) makes it
live. Running an election or the matching desk is not hers to open.

What the README's demo accounts table says editor@ can do."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Page, Revision

from blog.models import BlogIndexPage, BlogPage
from program.models import RoundPage
from voting.models import ElectionPage

from .helpers import assert_accessible, background_save_done, log_in_to_admin

pytestmark = pytest.mark.browser

GUEST_TITLE = "Speed mentoring in the reading room"
GUEST_EXCERPT = "How twelve libraries met their mentors in one evening."
SCHEDULED_TITLE = "Webinars 2019: the shortlist"


def photo(tmp_path):
    """A photograph to upload (a small PNG made here)."""
    path = tmp_path / "reading-room.png"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (52, 101, 164)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def field(where, label):
    """A text field by its label (a required one's ends with "*")."""
    return where.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\*?$"))


def start_a_post(page, base_url, blog):
    """From the blog in the page explorer: Add child page, Blog post."""
    page.goto(f"{base_url}/admin/pages/{blog.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Add child page")).first.click()
    page.get_by_role("link", name="Blog post", exact=True).click()
    expect(page.get_by_placeholder("Page title*")).to_be_visible()


def choose_author(page, name):
    page.get_by_role("button", name="Choose author").click()
    modal = page.locator(".modal")
    row = modal.locator("tr", has_text=name).filter(has_text="English")
    row.get_by_role("link", name=name).click()
    expect(modal).to_be_hidden()


def publish(page, action="Publish"):
    """The action menu at the foot of the editor: open it, press `action`."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=action, exact=True).click()


def next_week_comes(page):
    """Move the page's schedule to a minute ago, as if its date had come."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)).exclude(
        approved_go_live_at=None
    ):
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
    Page.objects.filter(pk=page.pk).update(go_live_at=past)


def reader_page(page):
    """A fresh browser for an anonymous reader, beside the editor's."""
    context = page.context.browser.new_context(viewport=page.viewport_size)
    return context.new_page()


def test_editor_publishes_a_guest_post_and_schedules_another(
    demo, journey, base_url, tmp_path
):
    page = journey
    blog = BlogIndexPage.objects.get(locale__language_code="en")

    log_in_to_admin(page, base_url, "editor@example.org")
    assert_accessible(page)

    # A guest post by Wing Yan Lau, with a photograph and its credit.
    start_a_post(page, base_url, blog)
    page.get_by_placeholder("Page title*").fill(GUEST_TITLE)
    choose_author(page, "Wing Yan Lau")
    field(page, "Excerpt").fill(GUEST_EXCERPT)

    page.get_by_role("button", name="Choose an image").click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(photo(tmp_path))
    field(modal, "Title").fill("Reading room")
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_be_hidden()
    field(page, "Featured image alternative text").fill(
        "Librarians in pairs at reading-room tables"
    )
    field(page, "Featured image caption").fill("The evening's first round.")
    field(page, "Credit: title of the work").fill("Reading room")
    field(page, "Credit: link to the work").fill(
        "https://photos.example.org/reading-room"
    )
    field(page, "Credit: creator").fill("Lin Wai")
    field(page, "Credit: link to the creator").fill(
        "https://photos.example.org/lin-wai"
    )
    field(page, "Credit: licence").fill("CC BY 2.0")
    field(page, "Credit: link to the licence").fill(
        "https://creativecommons.org/licenses/by/2.0/"
    )
    # An English post is filed under English categories only.
    categories = page.locator("#id_categories")
    expect(categories.locator("option")).to_have_text(["Mentoring", "News", "Webinars"])
    categories.select_option(label="Mentoring")
    assert_accessible(page)

    background_save_done(page)
    publish(page)
    # (Wagtail may have saved the draft on its own while she wrote.)
    expect(
        page.get_by_text(
            re.compile(f"'{GUEST_TITLE}' (created and published|has been published)")
        )
    ).to_be_visible()
    assert_accessible(page)

    # Readers see it, with its guest byline and its credit, each part linked.
    reader = reader_page(page)
    reader.goto(f"{base_url}/en/blog/")
    reader.get_by_role("link", name=GUEST_TITLE).first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(GUEST_TITLE)
    expect(reader.get_by_text("Guest post by")).to_be_visible()
    expect(
        reader.get_by_role("link", name="Harbour City Library Network")
    ).to_be_visible()
    figure = reader.locator("figure.post__figure")
    expect(
        figure.get_by_role("img", name="Librarians in pairs at reading-room tables")
    ).to_be_visible()
    credit = figure.locator(".credit")
    expect(credit).to_have_text(
        re.compile(r"‘Reading room’\s+by Lin Wai\s+used under CC BY 2.0")
    )
    for name, href in [
        ("‘Reading room’", "https://photos.example.org/reading-room"),
        ("Lin Wai", "https://photos.example.org/lin-wai"),
        ("CC BY 2.0", "https://creativecommons.org/licenses/by/2.0/"),
    ]:
        expect(credit.get_by_role("link", name=name)).to_have_attribute("href", href)
    assert_accessible(reader)

    # Another post, scheduled for next week.
    start_a_post(page, base_url, blog)
    page.get_by_placeholder("Page title*").fill(SCHEDULED_TITLE)
    choose_author(page, "María Ortega")
    field(page, "Excerpt").fill("The six topics members proposed.")
    next_week = timezone.localtime() + datetime.timedelta(days=7)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Go live date/time").fill(next_week.strftime("%Y-%m-%d %H:%M"))
    # The date picker that opens over the dialog's button stays open while
    # the field has focus: she moves on to the button and presses Enter.
    save = dialog.get_by_role("button", name="Save schedule")
    save.focus()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    save.press("Enter")
    page.get_by_role("button", name="Toggle status").click()  # close the panel
    background_save_done(page)
    publish(page, "Schedule to publish")
    expect(page.get_by_text("scheduled for publishing")).to_be_visible()
    assert_accessible(page)

    scheduled = BlogPage.objects.get(title=SCHEDULED_TITLE)
    url = f"{base_url}/en/blog/{scheduled.slug}/"
    assert reader.request.get(url).status == 404
    reader.goto(f"{base_url}/en/blog/")
    expect(reader.get_by_text(SCHEDULED_TITLE)).to_have_count(0)
    assert SCHEDULED_TITLE not in reader.request.get(f"{base_url}/en/blog/feed/").text()

    # Next week comes (its schedule moves to a minute ago), and the periodic
    # job runs.
    next_week_comes(scheduled)
    call_command("publish_scheduled", verbosity=0)
    reader.goto(url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(SCHEDULED_TITLE)
    reader.goto(f"{base_url}/en/blog/")
    expect(reader.get_by_role("link", name=SCHEDULED_TITLE).first).to_be_visible()
    assert SCHEDULED_TITLE in reader.request.get(f"{base_url}/en/blog/feed/").text()
    reader.context.close()

    # Running an election and the matching desk are the organisers': those
    # doors answer 403 and say why.
    for door in [
        f"/admin/elections/{ElectionPage.objects.first().pk}/",
        "/admin/program/matching/",
        f"/admin/program/matching/{RoundPage.objects.first().pk}/",
    ]:
        response = page.goto(f"{base_url}{door}")
        assert response.status == 403, door
        expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
        expect(page.get_by_role("alert")).to_contain_text("organisers")
    # Managing accounts is the administrators': Wagtail sends her back.
    page.goto(f"{base_url}/admin/users/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text("you do not have permission")).to_be_visible()
