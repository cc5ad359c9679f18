"""A reply written here to a fediverse comment that waited for a moderator
is delivered to its author when the moderator approves it: one by one in
the moderation view, or in bulk from the listing, and also when an
anonymous commenter's reply comes in through the confirmation link. Each
reply is delivered once however often it is approved, through the same
queue as every delivery, to the Mastodon-like server on loopback; and when
such a reply is hidden here again (removed, spam, erased, deleted), a Delete
of its note follows, once."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from blog.models import BlogComment
from fediverse import delivery
from fediverse.models import Delivery
from tests.blog.comment_helpers import (  # noqa: F401 (fixture)
    comment_anonymously,
    fresh_rate_limits,
)
from website.factories import UserFactory

from .conftest import entries, fixture_activity, our_actor
from .remote_server import verify_our_signature
from .test_conversation import approve_all, reply

pytestmark = pytest.mark.django_db

VIEW_URL = "/admin/snippets/blog/blogcomment/inspect/{pk}/"
BULK_URL = "/admin/bulk/blog/blogcomment/{decision}/?"


@pytest.fixture
def moderator_client():
    """A client of its own (`client` stays anonymous, for commenters)."""
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def theirs(client, mastodon, post):
    """Alice's reply from Mastodon to the post, published."""
    mastodon.post(client, fixture_activity("create_note", mastodon, post), "alice")
    approve_all(post)
    [entry] = entries(post)
    return entry


def ours(post, parent, text, *, is_public=False, **fields):
    """A reply of ours to `parent`, held for a moderator unless told."""
    return BlogComment.objects.create(
        content_type=ContentType.objects.get_for_model(type(post)),
        object_pk=str(post.pk),
        site_id=1,
        user_name=fields.pop("user_name", "Rosa Méndez"),
        user_email=fields.pop("user_email", "rosa@example.org"),
        comment=text,
        parent_id=parent.pk,
        is_public=is_public,
        **fields,
    )


def notes_received(server):
    """(path, the Note) of each Create the server's inboxes received."""
    received = []
    for request in server.inbox_requests():
        verify_our_signature(request, our_actor().public_key_pem)
        activity = json.loads(request.body)
        assert activity["type"] == "Create"
        received.append((request.path, activity["object"]))
    return received


def test_a_held_reply_is_delivered_when_the_moderator_approves_it_once_only(
    moderator_client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = ours(post, theirs, "Kumasi sounds wonderful")
    assert mastodon.inbox_requests() == []  # held: nothing sent yet
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            VIEW_URL.format(pk=held.pk), {"decision": "approve"}
        )
    assert response.status_code == 302
    [(path, note)] = notes_received(mastodon)
    assert path == "/users/alice/inbox"
    assert note["id"] == f"http://testserver/fediverse/comments/{held.pk}/"
    assert note["inReplyTo"] == mastodon.note("alice", "111111111111111111")
    assert "Kumasi sounds wonderful" in note["content"]
    # Approved again (a second click, a stale tab): still delivered once.
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(VIEW_URL.format(pk=held.pk), {"decision": "approve"})
    assert len(mastodon.inbox_requests()) == 1
    assert Delivery.objects.get().state == Delivery.State.SENT


def test_held_replies_approved_in_bulk_are_each_delivered_once(
    client, moderator_client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    mastodon.post(
        client,
        reply(mastodon, post, "bob", 2, post.get_full_url(), "<p>Hello</p>"),
        "bob",
    )
    approve_all(post)
    bobs = entries(post)[-1]
    local = ours(post, theirs, "A local comment", is_public=True)
    held = [
        ours(post, theirs, "To Alice"),
        ours(post, bobs, "To Bob"),
        ours(post, local, "To a local comment"),  # not for the fediverse
    ]
    query = "&".join(f"id={comment.pk}" for comment in held)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(BULK_URL.format(decision="approve") + query)
    assert response.status_code == 302
    assert (
        BlogComment.objects.filter(pk__in=[c.pk for c in held], is_public=True).count()
        == 3
    )
    received = notes_received(mastodon)
    assert sorted((path, note["id"]) for path, note in received) == [
        ("/users/alice/inbox", f"http://testserver/fediverse/comments/{held[0].pk}/"),
        ("/users/bob/inbox", f"http://testserver/fediverse/comments/{held[1].pk}/"),
    ]
    # The whole batch approved again: nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(BULK_URL.format(decision="approve") + query)
    assert len(mastodon.inbox_requests()) == 2
    assert Delivery.objects.count() == 2


def activities_received(server):
    """(type, object id) of each activity the server's inboxes received,
    each checked as Mastodon would (our signature)."""
    received = []
    for request in server.inbox_requests():
        verify_our_signature(request, our_actor().public_key_pem)
        activity = json.loads(request.body)
        received.append((activity["type"], activity["object"]["id"]))
    return received


def test_a_delivered_reply_removed_is_deleted_there_once_and_not_sent_again(
    moderator_client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = ours(post, theirs, "Straight through", is_public=True)
    note = f"http://testserver/fediverse/comments/{published.pk}/"
    assert activities_received(mastodon) == [("Create", note)]
    for decision in ("remove", "approve", "spam", "approve"):
        with django_capture_on_commit_callbacks(execute=True):
            response = moderator_client.post(
                BULK_URL.format(decision=decision) + f"id={published.pk}"
            )
        assert response.status_code == 302
    published.refresh_from_db()
    assert published.is_public and not published.is_removed and not published.is_spam
    # Removed: a Delete of the note followed, to the same inbox, and the
    # note's URL says it is gone. Approved and hidden again: nothing more
    # (the server keeps a tombstone for that id).
    assert activities_received(mastodon) == [("Create", note), ("Delete", note)]
    assert mastodon.inbox_requests()[1].path == "/users/alice/inbox"
    assert Delivery.objects.count() == 2


def test_the_note_of_a_removed_reply_answers_gone(
    client, moderator_client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = ours(post, theirs, "Soon gone", is_public=True)
    note = f"/fediverse/comments/{published.pk}/"
    assert client.get(note).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(VIEW_URL.format(pk=published.pk), {"decision": "remove"})
    assert client.get(note).status_code == 410
    assert [kind for kind, _ in activities_received(mastodon)] == ["Create", "Delete"]


def test_a_reply_erased_at_its_authors_request_is_deleted_on_the_fediverse(
    mastodon, post, theirs, django_capture_on_commit_callbacks
):
    from blog.comments.privacy import erase_address

    with django_capture_on_commit_callbacks(execute=True):
        published = ours(post, theirs, "Mine to take back", is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_address("rosa@example.org") == 1
    note = f"http://testserver/fediverse/comments/{published.pk}/"
    assert activities_received(mastodon) == [("Create", note), ("Delete", note)]


def test_a_deleted_reply_is_deleted_on_the_fediverse(
    mastodon, post, theirs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = ours(post, theirs, "Deleted by an admin", is_public=True)
    note = f"http://testserver/fediverse/comments/{published.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        published.delete()
    assert activities_received(mastodon) == [("Create", note), ("Delete", note)]


def test_a_reply_removed_before_its_create_went_through_is_never_created(
    moderator_client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    mastodon.http.route("/users/alice/inbox", status=503)
    with django_capture_on_commit_callbacks(execute=True):
        published = ours(post, theirs, "Caught in a retry", is_public=True)
    create = Delivery.objects.get()
    assert create.state == Delivery.State.RETRYING
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(VIEW_URL.format(pk=published.pk), {"decision": "remove"})
    create.refresh_from_db()
    assert create.state == Delivery.State.GIVEN_UP
    # The server comes back: the periodic job sends only the Delete.
    mastodon.http.route("/users/alice/inbox", status=202)
    Delivery.objects.update(next_attempt_at=timezone.now())
    before = len(mastodon.inbox_requests())
    with django_capture_on_commit_callbacks(execute=True):
        delivery.queue_due()
    sent = [json.loads(r.body)["type"] for r in mastodon.inbox_requests()[before:]]
    assert sent == ["Delete"]


@pytest.mark.parametrize("decision", ["remove", "spam"])
def test_a_held_reply_removed_or_marked_spam_is_not_sent(
    moderator_client,
    mastodon,
    post,
    theirs,
    decision,
    django_capture_on_commit_callbacks,
):
    held = ours(post, theirs, "Not for Alice")
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(VIEW_URL.format(pk=held.pk), {"decision": decision})
    assert mastodon.inbox_requests() == []
    assert not Delivery.objects.exists()


def test_an_anonymous_reply_through_the_confirmation_link_is_sent_when_approved(
    client, moderator_client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    # A first comment from this address: stored held by the confirmation link.
    with django_capture_on_commit_callbacks(execute=True):
        held = comment_anonymously(
            client, post, email="kofi@example.org", reply_to=theirs.pk,
            name="Kofi", comment="Greetings from Kumasi",
        )  # fmt: skip
    assert held.parent_id == theirs.pk and not held.is_public
    assert mastodon.inbox_requests() == []
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(VIEW_URL.format(pk=held.pk), {"decision": "approve"})
    [(path, note)] = notes_received(mastodon)
    assert path == "/users/alice/inbox"
    assert "Kofi" in note["content"] and "Greetings from Kumasi" in note["content"]


def test_an_anonymous_reply_from_a_known_address_is_sent_on_confirmation(
    client, mastodon, post, theirs, django_capture_on_commit_callbacks
):
    # A published comment from this address makes it known.
    ours(post, theirs, "Earlier", is_public=True, user_email="kofi@example.org")
    before = len(mastodon.inbox_requests())  # that one was not delivered
    with django_capture_on_commit_callbacks(execute=True):
        published = comment_anonymously(
            client, post, email="kofi@example.org", reply_to=theirs.pk,
            name="Kofi", comment="Back again",
        )  # fmt: skip
    assert published.is_public
    received = notes_received(mastodon)[before:]
    assert [note["id"] for _, note in received] == [
        f"http://testserver/fediverse/comments/{published.pk}/"
    ]
