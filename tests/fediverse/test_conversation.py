"""A conversation with a Mastodon-like server on loopback: it follows the
blog and gets a signed Accept; a reply and a reply to the reply come into
the post's thread under the moderation rules; a boost shows as "Boosted
by … on …"; a favourite is counted with the likes; edits, deletions and
undos change or remove what they made."""

import json

import pytest

from blog.models import BlogComment
from fediverse.models import Follower, IncomingActivity, RemoteLike

from .conftest import entries, fixture_activity, our_actor
from .remote_server import verify_our_signature

pytestmark = pytest.mark.django_db


def reply(server, post, name, number, in_reply_to, content):
    note_id = server.note(name, number)
    return {
        "id": f"{note_id}/activity",
        "type": "Create",
        "actor": server.actor(name),
        "object": {
            "id": note_id,
            "type": "Note",
            "attributedTo": server.actor(name),
            "inReplyTo": in_reply_to,
            "url": f"{server.base}/@{name}/{number}",
            "content": content,
            "published": "2026-12-01T10:15:00Z",
        },
    }


def approve_all(post):
    BlogComment.objects.for_page(post).update(is_public=True)


def test_a_follow_is_accepted_with_a_signed_accept_to_the_follower(
    client, mastodon, post, django_capture_on_commit_callbacks
):
    follow = fixture_activity("follow", mastodon, post)
    with django_capture_on_commit_callbacks(execute=True):
        response = mastodon.post(client, follow, "alice")
    assert response.status_code == 202
    assert Follower.objects.get().actor.language == "en"
    [request] = mastodon.inbox_requests()
    assert request.path == "/users/alice/inbox"
    assert verify_our_signature(request, our_actor().public_key_pem) == (
        "http://testserver/fediverse/actors/blog/#main-key"
    )
    accept = json.loads(request.body)
    assert accept["type"] == "Accept"
    assert accept["object"]["id"] == follow["id"]
    assert accept["actor"] == "http://testserver/fediverse/actors/blog/"


def test_undoing_the_follow_removes_the_follower(client, mastodon, post):
    mastodon.post(client, fixture_activity("follow", mastodon, post), "alice")
    response = mastodon.post(
        client, fixture_activity("undo_follow", mastodon, post), "alice"
    )
    assert response.status_code == 202
    assert not Follower.objects.exists()


def test_a_servers_first_reply_waits_for_a_moderator_then_its_replies_are_published(
    client, mastodon, post
):
    first = reply(
        mastodon,
        post,
        "alice",
        1,
        f"http://testserver/fediverse/posts/{post.pk}/",
        "<p>Hello from Mastodon</p>",
    )
    assert mastodon.post(client, first, "alice").status_code == 202
    [held] = entries(post)
    assert held.kind == "fediverse"
    assert not held.is_public
    assert held.hold_reason == BlogComment.HoldReason.NEW_SITE
    approve_all(post)
    second = reply(mastodon, post, "bob", 2, post.get_full_url(), "<p>Me too</p>")
    mastodon.post(client, second, "bob")
    assert [entry.is_public for entry in entries(post)] == [True, True]


def test_a_reply_to_a_reply_goes_under_it_and_deeper_replies_stay_at_the_last_level(
    client, mastodon, post
):
    top = reply(mastodon, post, "alice", 1, post.get_full_url(), "<p>Top</p>")
    mastodon.post(client, top, "alice")
    approve_all(post)
    answer = reply(mastodon, post, "bob", 2, mastodon.note("alice", 1), "<p>Answer</p>")
    mastodon.post(client, answer, "bob")
    deeper = reply(mastodon, post, "alice", 3, mastodon.note("bob", 2), "<p>Deeper</p>")
    mastodon.post(client, deeper, "alice")
    deepest = reply(
        mastodon, post, "bob", 4, mastodon.note("alice", 3), "<p>Deepest</p>"
    )
    mastodon.post(client, deepest, "bob")
    top_entry, answer_entry, deeper_entry, deepest_entry = entries(post)
    assert answer_entry.parent_id == top_entry.pk
    assert deeper_entry.parent_id == answer_entry.pk
    assert deeper_entry.level == 2
    # Level 2 is the deepest: a reply to it goes beside it, under its parent.
    assert deepest_entry.parent_id == answer_entry.pk
    assert deepest_entry.level == 2


def test_a_reply_is_shown_sanitised_with_its_author_and_server_and_no_remote_avatar(
    client, mastodon, post
):
    create = fixture_activity("create_note", mastodon, post)
    mastodon.post(client, create, "alice")
    approve_all(post)
    [entry] = entries(post)
    assert entry.user_name == "Alice Librarian"
    assert entry.user_url == f"{mastodon.base}/@alice"
    assert "<" not in entry.comment and "alert" not in entry.comment
    assert "partner in Accra & it was wonderful!" in entry.comment
    assert "#libraries" in entry.comment
    page = client.get(post.url).content.decode()
    assert "Alice Librarian" in page
    assert "partner in Accra &amp; it was wonderful!" in page
    assert "on 127.0.0.1" in page
    assert "<script>alert(1)" not in page
    assert "/avatars/" not in page  # the remote avatar is never loaded


def test_an_edit_changes_the_reply_and_a_deletion_removes_it(client, mastodon, post):
    mastodon.post(client, fixture_activity("create_note", mastodon, post), "alice")
    approve_all(post)
    mastodon.post(client, fixture_activity("update_note", mastodon, post), "alice")
    [entry] = entries(post)
    assert entry.comment == "Edited: our partner library is in Kumasi, not Accra."
    assert entry.is_public
    mastodon.post(client, fixture_activity("delete_note", mastodon, post), "alice")
    entry.refresh_from_db()
    assert entry.is_removed
    assert "Kumasi" not in client.get(post.url).content.decode()


def test_only_the_author_can_edit_or_delete_a_reply(client, mastodon, post):
    mastodon.post(client, fixture_activity("create_note", mastodon, post), "alice")
    update = fixture_activity("update_note", mastodon, post)
    update["actor"] = mastodon.actor("bob")
    mastodon.post(client, update, "bob")
    delete = fixture_activity("delete_note", mastodon, post)
    delete["actor"] = mastodon.actor("bob")
    mastodon.post(client, delete, "bob")
    [entry] = entries(post)
    assert "Accra" in entry.comment
    assert not entry.is_removed


def test_a_boost_shows_as_boosted_by_and_undo_removes_it(client, mastodon, post):
    mastodon.post(client, fixture_activity("announce", mastodon, post), "bob")
    approve_all(post)
    [boost] = entries(post)
    assert boost.kind == "boost"
    page = client.get(post.url).content.decode()
    assert "Boosted by Bob Archivist on 127.0.0.1" in page
    mastodon.post(client, fixture_activity("undo_announce", mastodon, post), "bob")
    boost.refresh_from_db()
    assert boost.is_removed
    assert "Boosted by" not in client.get(post.url).content.decode()


def test_a_favourite_is_counted_with_the_likes_and_undo_uncounts_it(
    client, mastodon, post
):
    mastodon.post(client, fixture_activity("like", mastodon, post), "bob")
    mastodon.post(client, fixture_activity("like", mastodon, post), "bob")  # twice
    assert RemoteLike.objects.count() == 1
    page = client.get(post.url).content.decode()
    assert "1 favourite on the fediverse" in page
    mastodon.post(client, fixture_activity("undo_like", mastodon, post), "bob")
    assert not RemoteLike.objects.exists()
    assert "on the fediverse" not in client.get(post.url).content.decode()


def test_a_reply_to_something_else_is_ignored_but_recorded(client, mastodon, post):
    other = reply(
        mastodon, post, "alice", 9, "https://elsewhere.example/notes/1", "<p>Hi</p>"
    )
    assert mastodon.post(client, other, "alice").status_code == 202
    assert entries(post) == []
    assert IncomingActivity.objects.get().outcome == "ignored"


def test_a_reply_matching_the_block_list_is_discarded(client, mastodon, post, homes):
    from wagtail.models import Site

    from blog.models import CommentModerationSettings

    lists = CommentModerationSettings.for_site(Site.objects.get(is_default_site=True))
    lists.block_list = "casino"
    lists.save()
    spam = reply(mastodon, post, "alice", 5, post.get_full_url(), "<p>Best casino</p>")
    mastodon.post(client, spam, "alice")
    assert entries(post) == []
    assert IncomingActivity.objects.get().outcome == "discarded"


def test_blocking_a_server_removes_what_it_sent(client, mastodon, post):
    from fediverse.moderation import block

    mastodon.post(client, fixture_activity("create_note", mastodon, post), "alice")
    mastodon.post(client, fixture_activity("like", mastodon, post), "bob")
    mastodon.post(client, fixture_activity("follow", mastodon, post), "alice")
    block(domain="127.0.0.1", reason="spam")
    [entry] = entries(post)
    assert entry.is_removed
    assert not RemoteLike.objects.exists()
    assert not Follower.objects.exists()


def test_a_members_reply_to_a_fediverse_comment_is_delivered_to_its_author(
    client, mastodon, post, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType

    from website.factories import UserFactory

    mastodon.post(client, fixture_activity("create_note", mastodon, post), "alice")
    approve_all(post)
    [theirs] = entries(post)
    member = UserFactory(profile__display_name="Rosa Méndez")
    with django_capture_on_commit_callbacks(execute=True):
        ours = BlogComment.objects.create(
            content_type=ContentType.objects.get_for_model(type(post)),
            object_pk=str(post.pk),
            site_id=1,
            user=member,
            comment="Kumasi sounds wonderful <3",
            parent_id=theirs.pk,
            is_public=True,
        )
        ours.save()  # saved again: still one delivery
    [request] = mastodon.inbox_requests()
    assert request.path == "/users/alice/inbox"
    verify_our_signature(request, our_actor().public_key_pem)
    create = json.loads(request.body)
    note = create["object"]
    assert create["type"] == "Create" and note["type"] == "Note"
    assert note["inReplyTo"] == mastodon.note("alice", "111111111111111111")
    assert note["tag"] == [
        {
            "type": "Mention",
            "href": mastodon.actor("alice"),
            "name": "@alice@127.0.0.1",
        }
    ]
    assert "Rosa Méndez" in note["content"]
    assert "Kumasi sounds wonderful &lt;3" in note["content"]
    assert mastodon.actor("alice") in create["cc"]
    served = client.get(f"/fediverse/comments/{ours.pk}/")
    assert json.loads(served.content)["id"] == note["id"]


def test_a_reply_to_a_local_comment_is_not_delivered(
    client, mastodon, post, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType

    kinds = {"content_type": ContentType.objects.get_for_model(type(post))}
    first = BlogComment.objects.create(
        **kinds, object_pk=str(post.pk), site_id=1, comment="A", is_public=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        BlogComment.objects.create(
            **kinds,
            object_pk=str(post.pk),
            site_id=1,
            comment="B",
            parent_id=first.pk,
            is_public=True,
        )
    assert mastodon.inbox_requests() == []
