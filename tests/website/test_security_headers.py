"""Security headers, and the promise the Content-Security-Policy relies on:
no public page has an inline script, inline style or event-handler
attribute, apart from data blocks carrying the response's nonce.

The demo content is loaded once for the module (in a transaction rolled back
at its end) so that every page type is checked as the site really renders it.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from blog.models import BlogComment, BlogPage
from program.models import RoundPage

NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def anonymous(demo):
    cache.clear()  # rate limits and cached pages of earlier tests
    yield Client()
    cache.clear()


@pytest.fixture
def member(demo):
    client = Client()
    client.force_login(get_user_model().objects.get(email="member@example.org"))
    return client


def open_round():
    return next(
        round_page
        for round_page in RoundPage.objects.live().filter(locale__language_code="en")
        if round_page.accepts_applications
    )


def latest_post(other_than):
    posts = BlogPage.objects.live().filter(locale__language_code="en")
    return posts.exclude(pk=other_than.pk).order_by("-date").first()


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts and styles
    without the nonce, style attributes, on* handlers, javascript: links."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inline = tag in {"script", "style"} and "src" not in attributes
        if inline and attributes.get("nonce") != self.nonce:
            self.found.append(f"<{tag}> without the response's nonce")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            elif name == "style":
                self.found.append(f'style="{value}" on <{tag}>')
            elif name in {"href", "src", "action"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"{name}=javascript: on <{tag}>")


def inline_code(response):
    header = response["Content-Security-Policy"]
    match = NONCE.search(header)
    parser = InlineCode(match.group(1) if match else None)
    parser.feed(response.text)
    return parser.found


def public_pages(anonymous, member):
    """(name, response) for every public page type."""
    topic = BlogPage.objects.get(slug="discussion-topic-getting-to-know-you")
    round_page = open_round()
    yield "home", anonymous.get("/en/")
    yield "blog index", anonymous.get("/en/blog/")
    yield "post", anonymous.get(latest_post(other_than=topic).url)
    # The demo's discussion topic is the post with a comment thread.
    assert BlogComment.objects.filter(object_pk=str(topic.pk), is_public=True)
    yield "discussion topic, comments", anonymous.get(topic.url)
    yield "discussion topic, member", member.get(topic.url)
    yield "round page", anonymous.get(round_page.url)
    yield "application form", member.get(f"{round_page.url}apply/")
    yield "ballot", member.get("/en/elections/webinars-2019/vote/")
    yield "results", anonymous.get("/en/elections/webinars-2018/results/")
    yield "search", anonymous.get("/en/search/", {"q": "book"})
    yield "sign-up", anonymous.get("/en/accounts/signup/")
    yield "log-in", anonymous.get("/en/accounts/login/")
    yield "not found", anonymous.get("/en/no-such-page/")
    yield "contact page", anonymous.get("/en/contact/")
    yield "photo gallery", anonymous.get("/en/contact/workspaces/")
    yield "contact form", anonymous.get("/en/contact/message/")
    yield "photo form", anonymous.get("/en/contact/photo/")
    yield "write for us", anonymous.get("/en/contact/write/")


@pytest.mark.django_db
def test_public_pages_have_no_inline_code_the_policy_would_block(anonymous, member):
    problems = {}
    for name, response in public_pages(anonymous, member):
        assert response.status_code == (404 if name == "not found" else 200), name
        found = inline_code(response)
        if found:
            problems[name] = found
    assert problems == {}


@pytest.mark.django_db
def test_public_pages_send_a_nonce_based_policy_and_the_other_headers(anonymous):
    response = anonymous.get("/en/")
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert NONCE.search(policy["script-src"])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    # The nonce is on the page's one inline script, a JSON-LD data block,
    # and is new for every response.
    assert inline_code(response) == []
    nonce = NONCE.search(policy["script-src"]).group(1)
    opening = f'<script type="application/ld+json" nonce="{nonce}">'
    block = re.search(re.escape(opening) + "(.*?)</script>", response.text)
    website = json.loads(block.group(1))
    assert website["url"] == "http://testserver/en/"
    assert website["potentialAction"]["target"] == (
        "http://testserver/en/search/?q={query}"
    )
    again = anonymous.get("/en/blog/")
    assert NONCE.search(again["Content-Security-Policy"]).group(1) != NONCE.search(
        policy["script-src"]
    ).group(1)

    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_admin_is_left_out_of_the_public_policy(anonymous):
    # Wagtail's admin needs inline scripts; it is for signed-in staff only.
    response = anonymous.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "Permissions-Policy" in response
