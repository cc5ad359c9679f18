"""Real Mastodon activity JSON (tests/fediverse/fixtures/, written from
Mastodon's documented formats: JSON-LD contexts, mentions, hashtags,
Tombstones, embedded objects in Undo) parses into the right entries, in
the order a conversation sends them."""

import pytest

from blog.models import BlogComment
from fediverse.models import Follower, IncomingActivity, RemoteLike

from .conftest import entries, fixture_activity

pytestmark = pytest.mark.django_db

CONVERSATION = [
    ("follow", "alice", "followed"),
    ("create_note", "alice", "held"),  # the server's first reply
    ("announce", "bob", "boost"),
    ("like", "bob", "like"),
    ("update_note", "alice", "updated"),
    ("undo_like", "bob", "undone"),
    ("undo_announce", "bob", "undone"),
    ("delete_note", "alice", "removed"),
    ("undo_follow", "alice", "unfollowed"),
]


def test_a_whole_conversation_of_mastodon_fixtures_becomes_the_right_entries(
    client, mastodon, post
):
    seen = []
    for name, account, _outcome in CONVERSATION:
        response = mastodon.post(
            client, fixture_activity(name, mastodon, post), account
        )
        assert response.status_code == 202, name
        seen.append(IncomingActivity.objects.order_by("-pk").first().outcome)
        if name == "like":
            assert RemoteLike.objects.get().page_id == post.pk
        if name == "follow":
            assert Follower.objects.get().remote.username == "alice"
        if name == "create_note":
            [reply] = entries(post)
            assert reply.kind == BlogComment.Kind.FEDIVERSE
            assert reply.submit_date.isoformat().startswith("2026-12-01T10:15")
            assert reply.source_url == f"{mastodon.base}/@alice/111111111111111111"
            assert reply.comment.startswith("@blog Our library matched")
            assert reply.comment.endswith("#libraries #mentoring")
        if name == "announce":
            boost = entries(post)[1]
            assert boost.kind == BlogComment.Kind.BOOST
            assert boost.user_name == "Bob Archivist"
    assert seen == [outcome for _name, _account, outcome in CONVERSATION]
    reply, boost = entries(post)
    assert "Kumasi" in reply.comment and reply.is_removed
    assert boost.is_removed
    assert not RemoteLike.objects.exists()
    assert not Follower.objects.exists()


def test_a_note_replying_by_the_posts_page_url_is_a_reply_too(client, mastodon, post):
    create = fixture_activity("create_note", mastodon, post)
    create["object"]["inReplyTo"] = post.get_full_url()
    mastodon.post(client, create, "alice")
    assert len(entries(post)) == 1


def test_the_same_note_delivered_twice_is_stored_once(client, mastodon, post):
    create = fixture_activity("create_note", mastodon, post)
    mastodon.post(client, create, "alice")
    mastodon.post(client, create, "alice")
    assert len(entries(post)) == 1
