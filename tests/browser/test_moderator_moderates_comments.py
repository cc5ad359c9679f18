"""The demo's comment moderator (moderator@example.org, in "Comment
moderators") is emailed about a reader's first comment and follows the
link to that comment itself; reads it in the moderation view (post,
author, text, links, why it waits) and approves it, and the reader sees
it published. Then marks a comment with links as spam, deletes a comment
that a member reported (Wagtail asks first), and approves and marks as
spam several waiting comments at once from the list, which says which
post each one is on. Pages outside the role stay closed."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect
from wagtail.models import Page

from blog.models import BlogComment, DiscussionTopicPage
from program.models import RoundPage
from voting.models import ElectionPage

from .helpers import (
    assert_accessible,
    fill_admin_login,
    link_in_email,
    log_in,
)

READER = "joao.pereira@example.org"
MODERATOR = "moderator@example.org"
LIST = "/admin/snippets/blog/blogcomment/"
WAITING = [
    ("Rosa Méndez", "Could we have the prompts as a printable sheet?"),
    ("Tomás Ruiz", "Does round 3 include video calls?"),
    ("Cheap Pills", "Cheap pills for sale, best prices online"),
    ("Casino Bonus", "Win big at the casino tonight, free spins"),
]


@pytest.fixture
def topic(demo):
    return DiscussionTopicPage.objects.get(
        title="Discussion topic: Getting to know you"
    )


@pytest.fixture
def waiting(topic):
    """Comments from readers, confirmed, each waiting for a moderator."""
    return [
        BlogComment.objects.create(
            content_object=topic,
            site_id=settings.SITE_ID,
            language="en",
            user_name=name,
            user_email=f"{name.split()[0].lower()}@example.org",
            comment=text,
            is_public=False,
            hold_reason=BlogComment.HoldReason.FIRST_COMMENT,
        )
        for name, text in WAITING
    ]


def another_person(browser, page):
    """A second browser (its own cookies) at the journey's width."""
    context = browser.new_context(viewport=page.viewport_size)
    other = context.new_page()
    other.set_default_timeout(15_000)
    return other


def comment_on(page, base_url, topic, name, email, text):
    page.goto(f"{base_url}{topic.url}")
    form = page.locator("#respond form.comment-form")
    form.get_by_role("textbox", name="Comment").fill(text)
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(f"{base_url}{link_in_email(email, r'^/comments/confirm/')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your comment is awaiting moderation"
    )


def decide(page, label):
    """Press one of the moderation view's footer buttons (the main one, or
    one from its menu)."""
    footer = page.get_by_role("navigation", name="Moderation")
    main = footer.get_by_role("button", name=label, exact=True)
    if not main.is_visible():
        footer.get_by_role("button", name="More actions").click()
    main.click()


def check_admin_page(page):
    """axe on an admin page, once Wagtail's messages have slid in (they
    start transparent: axe would measure their colours half-way)."""
    page.wait_for_function(
        "[...document.querySelectorAll('.messages > ul')]"
        ".every(list => getComputedStyle(list).opacity === '1')"
    )
    assert_accessible(page)


def open_bulk_menu(page):
    """Open the bulk actions' "More" menu, and wait until Wagtail has wired
    its links to the selection (on its "w-dropdown:shown" event)."""
    page.evaluate(
        "window.bulkMenuShown = false; document.addEventListener("
        "'w-dropdown:shown', () => { window.bulkMenuShown = true; }, {once: true})"
    )
    page.get_by_role("button", name="More", exact=True).click()
    page.wait_for_function("window.bulkMenuShown")


def select_rows(page, *texts):
    for text in texts:
        row = page.locator("tbody tr", has_text=text)
        row.get_by_role("checkbox").check()


def test_moderator_moderates_comments_one_by_one_and_in_bulk(
    journey, browser, base_url, topic, waiting
):
    page = journey
    reader = another_person(browser, page)
    member = another_person(browser, page)

    # A reader's first comment waits for a moderator.
    comment_on(
        reader,
        base_url,
        topic,
        "João Pereira",
        READER,
        "Greetings from Lisbon! Our library would love to host a meetup.",
    )
    held = BlogComment.objects.get(user_email=READER)
    assert not held.is_public

    # A member reports another reader's comment.
    reported = BlogComment.objects.get(user_name="tunde")
    log_in(member, base_url, "member@example.org")
    member.goto(f"{base_url}{topic.url}")
    member.locator(f"#c{reported.pk} .comment__actions").get_by_role(
        "link", name=re.compile("^Report")
    ).click()
    member.get_by_role("button", name="Report").click()
    expect(
        member.get_by_text("The moderators will look at this comment")
    ).to_be_visible()

    # The moderator's email links to the held comment itself: after logging
    # in, the moderation view of that comment.
    link = link_in_email(
        MODERATOR, rf"^/admin/snippets/blog/blogcomment/inspect/{held.pk}/$"
    )
    page.goto(f"{base_url}{link}")
    fill_admin_login(page, MODERATOR)
    expect(page).to_have_url(f"{base_url}{link}")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Why it waits")).to_be_visible()
    expect(main.get_by_text("First comment from this address")).to_be_visible()
    expect(main.locator(".comment-moderation__text")).to_contain_text(
        "Our library would love to host a meetup"
    )
    expect(main.get_by_role("link", name=topic.title)).to_be_visible()
    expect(main.get_by_text("João Pereira")).to_be_visible()
    expect(main.get_by_role("link", name=READER)).to_be_visible()
    check_admin_page(page)

    # Approve: back to the comments still waiting; the reader sees it.
    decide(page, "Approve")
    expect(page.get_by_text("Comment approved")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{LIST}\?status=pending$"))
    check_admin_page(page)
    reader.goto(f"{base_url}{topic.url}")
    expect(reader.locator(f"#c{held.pk} .comment__text")).to_contain_text(
        "host a meetup"
    )

    # The list says which post each comment is on and why it waits; the
    # comment with two links opens on its moderation view.
    links_row = page.locator("tbody tr", has_text="Great prompts!")
    expect(links_row.get_by_role("link", name=topic.title)).to_be_visible()
    expect(links_row).to_contain_text("Two or more links")
    links_row.get_by_role("link", name=re.compile("^Great prompts!")).click()
    links = page.get_by_role("region", name="2 links in it").get_by_role("link")
    expect(links).to_have_text(
        [
            "https://smalllibraries.example.org/mentoring",
            "https://smalllibraries.example.org/peer-support",
        ]
    )
    decide(page, "Mark as spam")
    expect(page.get_by_text("Comment marked as spam")).to_be_visible()
    assert BlogComment.objects.spam().filter(comment__startswith="Great prompts!")

    # The reported comment: read, then deleted after Wagtail's confirmation.
    page.goto(f"{base_url}{LIST}?status=flagged")
    row = page.locator("tbody tr", has_text="My goal for this round")
    expect(row).to_contain_text("Reported by 1 reader")
    check_admin_page(page)
    row.get_by_role("link", name=re.compile("^My goal for this round")).click()
    expect(page.get_by_role("heading", name="Reported by 1 reader")).to_be_visible()
    expect(page.locator("main").get_by_text("Amaka Obi")).to_be_visible()
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_text("Are you sure you want to delete")).to_be_visible()
    check_admin_page(page)
    page.get_by_role("button", name=re.compile("^Yes, delete")).click()
    expect(page).to_have_url(re.compile(rf"{LIST}$"))
    assert not BlogComment.objects.filter(pk=reported.pk).exists()
    reader.goto(f"{base_url}{topic.url}")
    expect(reader.get_by_text("My goal for this round")).to_have_count(0)

    # In bulk: approve two waiting comments, mark two as spam; each asks first.
    page.goto(f"{base_url}{LIST}?status=pending")
    select_rows(page, "printable sheet", "video calls")
    page.get_by_role("link", name="Approve the selected comments").click()
    expect(page.get_by_text("Approve 2 comments?")).to_be_visible()
    check_admin_page(page)
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("2 comments updated.")).to_be_visible()

    select_rows(page, "Cheap pills", "casino")
    open_bulk_menu(page)
    page.get_by_role("link", name="Mark the selected comments as spam").click()
    expect(page.get_by_text("Mark as spam 2 comments?")).to_be_visible()
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("2 comments updated.")).to_be_visible()
    assert not BlogComment.objects.pending().exists()

    reader.goto(f"{base_url}{topic.url}")
    thread = reader.locator("#comments")
    expect(thread.get_by_text("printable sheet")).to_be_visible()
    expect(thread.get_by_text("video calls")).to_be_visible()
    expect(thread.get_by_text("Cheap pills")).to_have_count(0)

    # Doors outside the role: page editing, the election dashboard, the
    # matching desk, user settings. Wagtail sends the moderator back to
    # the dashboard, or refuses.
    post = Page.objects.get(title="2018: a blank book")
    for path in (
        f"/admin/pages/{post.pk}/edit/",
        f"/admin/elections/{ElectionPage.objects.live().first().pk}/",
        f"/admin/program/matching/{RoundPage.objects.first().pk}/",
        "/admin/users/",
    ):
        response = page.goto(f"{base_url}{path}")
        assert response.status == 403 or page.url == f"{base_url}/admin/", path

    reader.context.close()
    member.context.close()
