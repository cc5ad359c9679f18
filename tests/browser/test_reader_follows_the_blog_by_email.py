"""A reader without an account follows the blog by email from the footer of
a post, confirms from the email the site sent, receives the next post in
their language (English) and not the one published in Spanish, and
unsubscribes with the link in that email, in one click."""

import re

import pytest
from playwright.sync_api import expect

from blog.factories import BlogPageFactory
from blog.models import BlogIndexPage
from subscriptions.models import Subscription

from .helpers import assert_accessible, emails_to, link_in_email

EMAIL = "kofi.mensah@example.org"
POST = "/en/blog/2018-a-blank-book/"

pytestmark = pytest.mark.browser


def publish_post(language, title):
    index = BlogIndexPage.objects.get(locale__language_code=language)
    return BlogPageFactory(parent=index, title=title)


def test_reader_follows_confirms_receives_and_unsubscribes(demo, journey, base_url):
    page = journey
    heading = page.get_by_role("heading", level=1)

    # The footer's "Follow by email" leads to the choices, English ticked.
    page.goto(f"{base_url}{POST}")
    footer = page.locator("footer.site-footer")
    footer.get_by_label("Follow by email").fill(EMAIL)
    footer.get_by_role("button", name="Follow").click()
    expect(heading).to_have_text("Follow the blog by email")
    assert_accessible(page)
    form = page.locator("main form")
    expect(form.get_by_label("Your email address")).to_have_value(EMAIL)
    expect(form.get_by_label("English")).to_be_checked()
    form.get_by_label("Each new post, when it is published").check()
    form.get_by_role("button", name="Follow by email").click()
    expect(heading).to_have_text("Check your inbox")
    assert not Subscription.objects.get(email=EMAIL).confirmed

    # The link in the email asks once more, then confirms.
    page.goto(f"{base_url}{link_in_email(EMAIL, r'^/en/subscriptions/confirm/')}")
    expect(heading).to_have_text("Confirm your subscription")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(heading).to_have_text("Your email subscription")
    expect(page.get_by_text("you now follow the blog by email")).to_be_visible()
    assert Subscription.objects.get(email=EMAIL).confirmed

    # An English post reaches the reader; a Spanish one does not.
    before = len(emails_to(EMAIL))
    publish_post("en", "Weeding the reference shelves")
    publish_post("es", "Expurgo de la sección de referencia")
    received = emails_to(EMAIL)[before:]
    assert [message.subject for message in received] == [
        "New post: Weeding the reference shelves"
    ]
    assert received[0].extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )

    # The email's unsubscribe link: one button, and the address is gone.
    page.goto(f"{base_url}{link_in_email(EMAIL, r'^/subscriptions/unsubscribe/')}")
    expect(heading).to_have_text("Unsubscribe")
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(heading).to_have_text("You are unsubscribed")
    assert not Subscription.objects.filter(email=EMAIL).exists()
    publish_post("en", "After unsubscribing")
    assert not any(
        re.search("After unsubscribing", m.subject) for m in emails_to(EMAIL)
    )
