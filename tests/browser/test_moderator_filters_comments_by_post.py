"""The demo's comment moderator narrows the list of comments to one post:
in the filters, Wagtail's page chooser (searched on demand, not a list of
every commented post) finds the post by a word of its title, and the list
shows that post's comments only."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from blog.models import BlogComment, BlogPage

from .helpers import assert_accessible, log_in_to_admin

pytestmark = pytest.mark.browser

MODERATOR = "moderator@example.org"
LIST = "/admin/snippets/blog/blogcomment/"


def test_moderator_filters_comments_by_post(page, base_url, demo):
    posts = list(BlogPage.objects.live().filter(locale__language_code="en")[:2])
    chosen, other = posts
    for post, text in ((chosen, "On the chosen post"), (other, "On another post")):
        BlogComment.objects.create(
            content_object=post,
            site_id=settings.SITE_ID,
            language="en",
            user_name="Rosa Méndez",
            user_email="rosa@example.org",
            comment=text,
        )

    log_in_to_admin(page, base_url, MODERATOR)
    page.goto(f"{base_url}{LIST}")
    expect(page.get_by_text("On another post")).to_be_visible()
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_role("button", name=re.compile("^Choose a page")).click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(chosen.title)
    modal.get_by_role("link", name=chosen.title, exact=True).first.click()
    expect(page).to_have_url(re.compile(rf"post={chosen.pk}"))
    expect(page.locator("tbody").get_by_text("On the chosen post")).to_be_visible()
    expect(page.locator("tbody").get_by_text("On another post")).to_have_count(0)
    assert_accessible(page)
