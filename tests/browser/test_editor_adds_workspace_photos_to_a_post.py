"""Edna, the editor (editor@), picks the approved workspace photos in the
admin and adds them to a post in one action: they land at the end of its
body, credited, in a new draft for her to publish."""

import re

from playwright.sync_api import expect

from blog.models import BlogPage

from .helpers import assert_accessible, log_in_to_admin

POST = "2018: a blank book"


def test_editor_adds_the_approved_photos_to_a_post(demo, journey, base_url):
    page = journey
    log_in_to_admin(page, base_url, "editor@example.org")
    page.goto(
        f"{base_url}/admin/snippets/contributions/photosubmission/?status=approved"
    )
    assert_accessible(page)
    for caption in ("Morning light over the returns desk", "Mi rincón de catalogación"):
        page.locator("tbody tr", has_text=caption).get_by_role("checkbox").check()
    action = page.get_by_role("link", name="Add the selected photos to a post")
    if not action.is_visible():
        page.evaluate(
            "window.bulkMenuShown = false; document.addEventListener("
            "'w-dropdown:shown', () => { window.bulkMenuShown = true; }, {once: true})"
        )
        page.get_by_role("button", name="More", exact=True).click()
        page.wait_for_function("window.bulkMenuShown")
    action.click()
    expect(page.get_by_text("Add to a post: 2 photos")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Choose a page")).click()
    modal = page.locator(".modal")
    modal.get_by_role("textbox", name=re.compile("Search")).fill("blank book")
    modal.get_by_role("link", name=POST).first.click()
    expect(modal).to_be_hidden()
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text(f"2 photos added to a draft of “{POST}”.")).to_be_visible()

    post = BlogPage.objects.get(title=POST)
    draft = post.get_latest_revision_as_object()
    blocks = [block for block in draft.body if block.block_type == "image"]
    assert sorted(b.value["caption"] for b in blocks[-2:]) == [
        "Mi rincón de catalogación",
        "Morning light over the returns desk",
    ]
    assert blocks[-1].value["credit"]["licence"] == "CC BY 4.0"
