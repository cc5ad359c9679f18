"""The demo's comment moderator (moderator@example.org) approves replies
that readers wrote here to a comment from Mastodon and that waited for a
moderator: one in its moderation view, one from the listing in bulk. Each
is delivered, once, to the Mastodon account it answers (a server on
loopback); approving them again sends nothing more."""

import json

import pytest
from django.conf import settings
from playwright.sync_api import expect

from blog.models import BlogComment, DiscussionTopicPage
from fediverse.models import Delivery, RemoteActor, RemoteEntry
from fediverse.replies import note_id
from tests.fediverse.remote_server import FediverseServer

from .helpers import log_in_to_admin
from .test_moderator_moderates_comments import (
    check_admin_page,
    decide,
    select_rows,
)

pytestmark = pytest.mark.browser

LIST = "/admin/snippets/blog/blogcomment/"


@pytest.fixture
def mastodon():
    with FediverseServer() as server:
        server.account("alice", display_name="Alice Librarian")
        yield server


@pytest.fixture
def topic(demo):
    return DiscussionTopicPage.objects.get(
        title="Discussion topic: Getting to know you"
    )


@pytest.fixture
def alices_comment(topic, mastodon):
    """A published reply from alice on the loopback server."""
    remote = RemoteActor.objects.create(
        uri=mastodon.actor("alice"),
        domain=mastodon.domain,
        username="alice",
        name="Alice Librarian",
        inbox=f"{mastodon.actor('alice')}/inbox",
        key_id=f"{mastodon.actor('alice')}#main-key",
        public_key_pem="-",
    )
    comment = BlogComment.objects.create(
        content_object=topic,
        site_id=settings.SITE_ID,
        language="en",
        kind=BlogComment.Kind.FEDIVERSE,
        user_name="Alice Librarian",
        user_url=f"{mastodon.base}/@alice",
        comment="Greetings from the Accra public library",
        is_public=True,
    )
    RemoteEntry.objects.create(
        object_id=mastodon.note("alice", 1), remote=remote, comment=comment
    )
    return comment


def held_reply(topic, parent, name, text):
    return BlogComment.objects.create(
        content_object=topic,
        site_id=settings.SITE_ID,
        language="en",
        parent_id=parent.pk,
        user_name=name,
        user_email=f"{name.split()[0].lower()}@example.org",
        comment=text,
        is_public=False,
        hold_reason=BlogComment.HoldReason.FIRST_COMMENT,
    )


def notes(server):
    return [json.loads(request.body)["object"] for request in server.inbox_requests()]


def test_moderator_approves_replies_to_a_mastodon_comment_and_they_are_delivered(
    journey, base_url, topic, alices_comment, mastodon
):
    first = held_reply(topic, alices_comment, "Kofi Boateng", "Which branch, Alice?")
    second = held_reply(topic, alices_comment, "Lina Haddad", "Lovely to meet you")
    page = journey
    log_in_to_admin(page, base_url, "moderator@example.org")

    # One by one, in the moderation view.
    page.goto(f"{base_url}{LIST}inspect/{first.pk}/")
    decide(page, "Approve")
    expect(page.get_by_text("Comment approved")).to_be_visible()
    [note] = notes(mastodon)
    assert note["id"] == note_id(first.pk)
    assert note["inReplyTo"] == mastodon.note("alice", 1)
    assert "Which branch, Alice?" in note["content"]

    # In bulk, from the comments waiting.
    page.goto(f"{base_url}{LIST}?status=pending")
    select_rows(page, "Lovely to meet you")
    page.get_by_role("link", name="Approve the selected comments").click()
    expect(page.get_by_text("Approve 1 comment?")).to_be_visible()
    check_admin_page(page)
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("1 comment updated.")).to_be_visible()
    assert [note["id"] for note in notes(mastodon)] == [
        note_id(first.pk),
        note_id(second.pk),
    ]

    # Both approved again, in bulk from the whole list: nothing more is sent.
    page.goto(f"{base_url}{LIST}")
    select_rows(page, "Which branch, Alice?", "Lovely to meet you")
    page.get_by_role("link", name="Approve the selected comments").click()
    expect(page.get_by_text("Approve 2 comments?")).to_be_visible()
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("2 comments updated.")).to_be_visible()
    assert len(mastodon.inbox_requests()) == 2
    assert Delivery.objects.count() == 2
