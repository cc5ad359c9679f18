"""A reader without an account comments on the demo's discussion topic, is
told to check their email, confirms from the link in the email they
received, and is told that a first comment waits for a moderator. Once a
moderator has approved it, the reader answers a reply (the third level):
the reply form opens under that reply with their remembered details, and
after the email step the answer is published at once, nested under it.
The link followed again says so; a hand-typed reply below the deepest
level is refused with a message."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import BlogComment, DiscussionTopicPage

from .helpers import assert_accessible, link_in_email

EMAIL = "ines.duarte@example.org"
CONFIRM = r"^/comments/confirm/[^/]+/$"


@pytest.fixture
def topic(demo):
    return DiscussionTopicPage.objects.get(
        title="Discussion topic: Getting to know you"
    )


def comment_by(author):
    return BlogComment.objects.get(user_name=author, parent_id__gt=0, level=1)


def test_commenter_comments_confirms_and_replies_to_a_reply(journey, base_url, topic):
    page = journey

    # The post, with its comment form (a fragment loaded by the page).
    page.goto(f"{base_url}{topic.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(topic.title)
    form = page.locator("#respond form.comment-form")
    expect(form).to_be_visible()
    assert_accessible(page)

    # A first comment: "check your email", nothing published yet.
    form.get_by_role("textbox", name="Comment").fill(
        "I work in a school library in Porto. Happy to join round 3!"
    )
    form.get_by_role("textbox", name="Name").fill("Inês Duarte")
    form.get_by_role("textbox", name="Email").fill(EMAIL)
    form.get_by_label("Remember my name, email and website").check()
    form.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert not BlogComment.objects.filter(user_email=EMAIL).exists()
    assert_accessible(page)

    # The link in the email stores it; a first comment waits for a moderator.
    confirmation = link_in_email(EMAIL, CONFIRM)
    page.goto(f"{base_url}{confirmation}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is awaiting moderation"
    )
    assert_accessible(page)
    first = BlogComment.objects.get(user_email=EMAIL)
    assert not first.is_public
    page.get_by_role("link", name=re.compile("^Back to")).click()
    expect(page.get_by_text("Happy to join round 3!")).to_have_count(0)

    # The same link again stores nothing more and says where it stands.
    page.goto(f"{base_url}{confirmation}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is confirmed already"
    )
    expect(page.get_by_text("it is awaiting moderation")).to_be_visible()
    assert_accessible(page)
    assert BlogComment.objects.filter(user_email=EMAIL).count() == 1

    # A moderator approves it (the moderator's own journey does it in the
    # admin); the reader now sees it.
    first.is_public = True
    first.save()
    page.goto(f"{base_url}{topic.url}")
    expect(page.locator(f"#c{first.pk} .comment__text")).to_have_text(
        "I work in a school library in Porto. Happy to join round 3!"
    )

    # Answering a reply: the form opens under it, details remembered.
    reply = comment_by("mei")
    entry = page.locator(f"#c{reply.pk}")
    entry.locator(".comment__actions").get_by_role(
        "link", name=re.compile("^Reply")
    ).first.click()
    reply_form = entry.locator("#reply-form")
    expect(reply_form.get_by_role("heading")).to_have_text("Reply to Mei Ling Cheung")
    expect(reply_form.get_by_role("textbox", name="Email")).to_have_value(EMAIL)
    assert_accessible(page)
    reply_form.get_by_role("textbox", name="Comment").fill(
        "Mei, could you share how the short-loan shelf works? We have the "
        "same queue of students every September."
    )
    reply_form.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # Confirmed from the new email: an approved address is published at once.
    page.goto(f"{base_url}{link_in_email(EMAIL, CONFIRM)}")
    answer = BlogComment.objects.filter(user_email=EMAIL).latest("pk")
    assert answer.is_public and answer.level == 2 and answer.parent_id == reply.pk
    expect(page).to_have_url(re.compile(rf"#c{answer.pk}$"))
    nested = page.locator(f"#c{reply.pk} > ol.comment-list > li#c{answer.pk}")
    expect(nested.locator(".comment__text")).to_contain_text("short-loan shelf")
    expect(nested.locator(".comment__author")).to_have_text("Inês Duarte")
    # The deepest level has no Reply link…
    expect(
        nested.locator(".comment__actions").get_by_role(
            "link", name=re.compile("^Reply")
        )
    ).to_have_count(0)
    assert_accessible(page)

    # …and a hand-typed one is refused, saying why.
    response = page.goto(f"{base_url}{topic.url}?reply_to={answer.pk}#reply-form")
    assert response.status == 400
    notice = page.locator("#reply-form")
    expect(notice.get_by_role("heading")).to_have_text(
        "You cannot reply to this comment"
    )
    expect(notice).to_contain_text("Replies go at most three levels deep")
    assert_accessible(page)
