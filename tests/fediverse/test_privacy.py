"""What the fediverse holds about a person is found by their account, not
an email address; exporting shows all of it and erasing leaves nothing of
them (their replies removed, or kept without their name)."""

import json

import pytest

from blog.models import BlogComment
from fediverse import privacy
from fediverse.models import Follower, IncomingActivity, RemoteActor, RemoteLike

from .conftest import entries, fixture_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_was_here(client, mastodon, post):
    for name in ("follow", "create_note"):
        mastodon.post(client, fixture_activity(name, mastodon, post), "alice")
    like = fixture_activity("like", mastodon, post)
    like["actor"] = mastodon.actor("alice")
    mastodon.post(client, like, "alice")
    return mastodon.actor("alice")


def test_an_email_address_finds_nothing_here(alice_was_here):
    assert privacy.export_personal_data("alice@example.org") == {}
    privacy.erase_personal_data("alice@example.org", keep_comments=False)
    assert RemoteActor.objects.filter(uri=alice_was_here).exists()


@pytest.mark.parametrize("how", ["uri", "handle"])
def test_the_export_holds_the_account_its_follows_favourites_and_replies(
    alice_was_here, how
):
    account = alice_was_here if how == "uri" else "@alice@127.0.0.1"
    data = privacy.export_account_data(account)
    json.dumps(data)  # serialisable
    assert data["account"]["name"] == "Alice Librarian"
    assert len(data["follows"]) == 1
    assert len(data["favourites"]) == 1
    assert "Accra" in data["entries"][0]["text"]
    assert {a["type"] for a in data["activities"]} == {"Follow", "Create", "Like"}


def test_erasing_removes_the_account_and_its_replies(alice_was_here, post):
    assert privacy.erase_account_data(alice_was_here, keep_comments=False)
    assert not RemoteActor.objects.filter(uri=alice_was_here).exists()
    assert not Follower.objects.exists()
    assert not RemoteLike.objects.exists()
    assert not IncomingActivity.objects.exists()
    assert entries(post) == []


def test_erasing_with_keep_comments_keeps_the_text_without_the_name(
    alice_was_here, post
):
    privacy.erase_account_data(alice_was_here, keep_comments=True)
    [kept] = BlogComment.objects.filter(kind="fediverse")
    assert "Accra" in kept.comment
    assert kept.user_name == "" and kept.user_url == "" and kept.source_url == ""
    assert not RemoteActor.objects.exists()
