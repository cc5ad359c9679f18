"""Accessibility: axe-core (the copy bundled in axe-playwright-python) finds
no violation on any public page type (and the browser's Content-Security-
Policy refuses nothing on them), and the comment form can be reached, filled
in and sent with the keyboard alone."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import PageViewRestriction

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogPage
from program.models import RoundPage
from website.factories import StandardPageFactory
from website.models import HomePage

from .helpers import axe_violations, log_in


def test_every_public_page_type_passes_axe(live_server, page):
    call_command("seed_demo", verbosity=0)
    cache.clear()
    base = live_server.url
    round_page = next(
        round_page
        for round_page in RoundPage.objects.live().filter(locale__language_code="en")
        if round_page.accepts_applications
    )
    # The demo's discussion topic is the post with a comment thread.
    topic = BlogPage.objects.get(slug="discussion-topic-getting-to-know-you")
    post = BlogPage.objects.live().filter(locale__language_code="en")
    post = post.exclude(pk=topic.pk).order_by("-date").first()
    minutes = StandardPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"), title="Minutes"
    )
    PageViewRestriction.objects.create(
        page=minutes, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    anonymous = {
        "home": "/en/",
        "blog index": "/en/blog/",
        "post": post.url,
        "discussion topic, comments and form": topic.url,
        "round page": round_page.url,
        "election results": "/en/elections/webinars-2018/results/",
        "events index": "/en/events/",
        "event and the guests' registration form": (
            "/en/events/library-services-for-refugees/"
        ),
        "past event with its recording": "/en/events/open-access-for-beginners/",
        "search results": "/en/search/?q=mentoring",
        "sign-up": "/en/accounts/signup/",
        "log-in": "/en/accounts/login/",
        "not found": "/en/no-such-page/",
        "page behind a password": minutes.url,
        "contact page": "/en/contact/",
        "photo gallery": "/en/contact/workspaces/",
        "contact form": "/en/contact/message/",
        "photo form": "/en/contact/photo/",
        "write for us": "/en/contact/write/",
    }
    members = {
        "discussion topic, member's comment form": topic.url,
        "application form": f"{round_page.url}apply/",
        "ballot": "/en/elections/webinars-2019/vote/",
        "event registration, one click": "/en/events/data-literacy/register/",
    }
    # The browser enforces the Content-Security-Policy: nothing on these
    # pages may be refused by it.
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text
        and refused.append(f"{page.url}: {message.text}"),
    )
    found = {}
    for name, path in anonymous.items():
        page.goto(f"{base}{path}")
        if name == "discussion topic, comments and form":
            expect(page.locator(".comment").first).to_be_visible()
            expect(page.locator("#respond form.comment-form")).to_be_visible()
        found[name] = axe_violations(page)

    log_in(page, base, "member@example.org")
    for name, path in members.items():
        page.goto(f"{base}{path}")
        # The form itself is there to be checked, not a refusal.
        expect(page.locator("main form").first).to_be_visible()
        found[name] = axe_violations(page)

    assert {name: rules for name, rules in found.items() if rules} == {}
    assert refused == []


@pytest.fixture
def post(translations):
    cache.clear()  # rate limits per address
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    yield BlogPageFactory(parent=blog, title="Getting to know you")
    cache.clear()


def press_tab_until(page, locator, limit=80):
    """Tab forward until `locator` has the focus; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_a_reader_comments_with_the_keyboard_alone(live_server, page, post):
    page.goto(f"{live_server.url}{post.url}")

    # The first Tab shows the skip link; following it moves to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    form = page.locator("#respond form.comment-form")
    comment = form.get_by_role("textbox", name="Comment")
    press_tab_until(page, comment)
    # The focused field is visibly marked (an outline, not the default none).
    outline = comment.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.type("Thank you for the prompts!")
    press_tab_until(page, form.get_by_role("textbox", name="Name"), limit=5)
    page.keyboard.type("Ama Owusu")
    press_tab_until(page, form.get_by_role("textbox", name="Email"), limit=5)
    page.keyboard.type("ama@example.org")
    button = form.get_by_role("button", name="Post comment")
    press_tab_until(page, button, limit=10)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
