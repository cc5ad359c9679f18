"""The demo's comment moderator (moderator@example.org) finds a spam reply
that came from a fediverse server, opens Fediverse → Blocks in the admin,
is told what is missing when the form names nothing, then blocks the
server: the reply leaves the post's thread at once, and the followers list
no longer has that server's account. An editor cannot open the blocks."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from blog.models import BlogComment, DiscussionTopicPage
from fediverse import actors
from fediverse.models import Follower, RemoteActor, RemoteEntry

from .helpers import assert_accessible, log_in_to_admin

pytestmark = pytest.mark.browser

SPAM = "Cheap followers for your library account, visit spam.example now"


@pytest.fixture
def topic(demo):
    return DiscussionTopicPage.objects.get(
        title="Discussion topic: Getting to know you"
    )


@pytest.fixture
def spam_reply(topic):
    remote = RemoteActor.objects.create(
        uri="https://spam.example/users/eve",
        domain="spam.example",
        username="eve",
        name="Eve Spammer",
        inbox="https://spam.example/users/eve/inbox",
        key_id="https://spam.example/users/eve#main-key",
        public_key_pem="-",
    )
    Follower.objects.create(
        actor=actors.actor_for_language("en"),
        remote=remote,
        follow_id="https://spam.example/follows/1",
    )
    comment = BlogComment.objects.create(
        content_object=topic,
        site_id=settings.SITE_ID,
        language="en",
        kind=BlogComment.Kind.FEDIVERSE,
        user_name="Eve Spammer",
        user_url="https://spam.example/@eve",
        source_site_name="spam.example",
        comment=SPAM,
        is_public=True,
    )
    RemoteEntry.objects.create(
        object_id="https://spam.example/users/eve/statuses/1",
        remote=remote,
        comment=comment,
    )
    return comment


def test_moderator_blocks_a_fediverse_server_and_its_reply_goes(
    journey, base_url, topic, spam_reply
):
    page = journey
    page.goto(f"{base_url}{topic.url}")
    expect(page.get_by_text(SPAM)).to_be_visible()
    expect(page.get_by_text("on spam.example")).to_be_visible()

    log_in_to_admin(page, base_url, "moderator@example.org")
    page.goto(f"{base_url}/admin/fediverse/followers/")
    expect(page.get_by_text("@eve@spam.example")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base_url}/admin/fediverse/blocks/")
    page.get_by_role("link", name=re.compile("Add fediverse block")).first.click()
    page.get_by_role("button", name="Create").click()
    expect(
        page.get_by_text("Give a server's domain or an account's address.")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("textbox", name="Server").fill("spam.example")
    page.get_by_role("textbox", name="Reason").fill("Spam replies")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("link", name="spam.example")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base_url}/admin/fediverse/followers/")
    expect(page.get_by_text("@eve@spam.example")).to_have_count(0)

    page.goto(f"{base_url}{topic.url}")
    expect(page.get_by_text(SPAM)).to_have_count(0)


def test_an_editor_cannot_open_the_fediverse_blocks(journey, base_url, demo):
    page = journey
    log_in_to_admin(page, base_url, "editor@example.org")
    page.goto(f"{base_url}/admin/fediverse/blocks/")
    expect(page.get_by_text("Add fediverse block")).to_have_count(0)
