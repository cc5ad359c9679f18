"""A reader comments on a post, confirms the comment from the email link, a
moderator lets the first comment from that address through, and a member
replies to it: the reply form opens under the comment and the reply shows
nested under it."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogComment
from tests.browser.helpers import link_in_email
from website.factories import UserFactory


@pytest.fixture
def post(translations):
    cache.clear()  # rate limits per IP address
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    yield BlogPageFactory(parent=blog, title="Getting to know you")
    cache.clear()


def confirmation_path(email):
    """The confirmation link as the commenter received it (the outbox's
    stored copy hides its key)."""
    return link_in_email(email, r"^/comments/confirm/[^/]+/$")


def test_reader_comments_confirms_and_a_member_replies(live_server, page, post):
    base = live_server.url
    member = UserFactory(username="wing", email="wing@example.org")

    # An anonymous reader comments and is asked to check their email.
    page.goto(f"{base}{post.url}")
    form = page.locator("#respond form.comment-form")
    form.get_by_role("textbox", name="Comment").fill("Thank you for the prompts!")
    form.get_by_role("textbox", name="Name").fill("Ama Owusu")
    form.get_by_role("textbox", name="Email").fill("ama@example.org")
    form.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert not BlogComment.objects.exists()  # nothing stored before confirming

    # The link in the email stores the comment; a first comment from a new
    # address waits for a moderator, who approves it.
    page.goto(f"{base}{confirmation_path('ama@example.org')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is awaiting moderation"
    )
    comment = BlogComment.objects.get(user_email="ama@example.org")
    assert not comment.is_public
    comment.is_public = True
    comment.save()
    page.goto(f"{base}{post.url}")
    entry = page.locator(f"#c{comment.pk}")
    expect(entry.locator(".comment__text")).to_have_text("Thank you for the prompts!")
    expect(entry.locator(".comment__author")).to_have_text("Ama Owusu")

    # A member logs in and replies under the comment.
    page.goto(f"{base}/en/accounts/login/?next={post.url}")
    page.fill("#id_login", member.email)
    page.fill("#id_password", "librarian-demo")
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(f"{base}{post.url}")
    entry = page.locator(f"#c{comment.pk}")
    entry.locator(".comment__actions").get_by_role("link", name="Reply").click()
    reply_form = entry.locator("#reply-form")
    expect(reply_form.get_by_role("heading")).to_have_text("Reply to Ama Owusu")
    expect(reply_form.get_by_role("textbox", name="Name")).to_have_count(
        0
    )  # members: no details
    reply_form.get_by_role("textbox", name="Comment").fill(
        "Welcome to the network, Ama!"
    )
    reply_form.get_by_role("button", name="Post reply").click()

    expect(page).to_have_url(re.compile(r"#c\d+$"))
    reply = BlogComment.objects.get(parent_id=comment.pk, level=1)
    assert reply.user_id == member.pk and reply.is_public
    assert page.url.endswith(f"#c{reply.pk}")
    nested = page.locator(f"#c{comment.pk} > ol.comment-list > li#c{reply.pk}")
    expect(nested.locator(".comment__text")).to_have_text(
        "Welcome to the network, Ama!"
    )
    expect(page.locator("#comments-heading")).to_have_text("2 comments")
