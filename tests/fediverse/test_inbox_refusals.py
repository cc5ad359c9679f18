"""Every incoming activity must be signed by its actor's key, fetched
through the safe HTTP client; a forged signature, a wrong Digest, an old
Date, an actor on a private address, an oversized body, a blocked domain
or actor, a body nested too deep, and an activity signed by someone else
are each refused with a 4xx and store nothing."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from fediverse.models import Block, Follower

from .conftest import fixture_activity, stored_counts
from .remote_server import new_key, sha256_digest

pytestmark = pytest.mark.django_db


def test_a_validly_signed_follow_is_accepted(client, mastodon, post):
    follow = fixture_activity("follow", mastodon, post)
    response = mastodon.post(client, follow, "alice")
    assert response.status_code == 202
    assert Follower.objects.get().remote.uri == mastodon.actor("alice")


def refused(client, mastodon, post, **how):
    follow = fixture_activity("follow", mastodon, post)
    before = stored_counts()
    response = mastodon.post(client, follow, "alice", **how)
    assert stored_counts() == before
    assert response["Content-Type"].startswith("text/plain")
    return response


def test_a_forged_signature_is_refused(client, mastodon, post):
    response = refused(client, mastodon, post, key=new_key("mallory"))
    assert response.status_code == 401


def test_a_signature_over_another_host_is_refused(client, mastodon, post):
    follow = fixture_activity("follow", mastodon, post)
    body = json.dumps(follow).encode()
    headers = mastodon.signed_headers("alice", body, host="elsewhere.example")
    headers["HTTP_HOST"] = "testserver"
    before = stored_counts()
    response = client.post(
        "/fediverse/inbox/", body, content_type="application/activity+json", **headers
    )
    assert response.status_code == 401
    assert stored_counts() == before


def test_a_wrong_digest_is_refused(client, mastodon, post):
    response = refused(client, mastodon, post, digest=sha256_digest(b"other body"))
    assert response.status_code == 400


def test_a_body_changed_after_signing_is_refused(client, mastodon, post):
    follow = fixture_activity("follow", mastodon, post)
    signed = json.dumps(follow).encode()
    headers = mastodon.signed_headers("alice", signed)
    follow["object"] = "http://testserver/fediverse/actors/blog-es/"
    before = stored_counts()
    response = client.post(
        "/fediverse/inbox/",
        json.dumps(follow).encode(),
        content_type="application/activity+json",
        **headers,
    )
    assert response.status_code == 400
    assert stored_counts() == before


@pytest.mark.parametrize(
    "age", [timedelta(hours=13), timedelta(days=3), -timedelta(hours=2)]
)
def test_a_date_outside_the_window_is_refused(client, mastodon, post, age):
    response = refused(client, mastodon, post, date=datetime.now(UTC) - age)
    assert response.status_code == 401


@pytest.mark.parametrize(
    "key_id",
    [
        "http://10.0.0.7/users/alice#main-key",
        "http://169.254.169.254/latest/meta-data#key",
        "http://192.168.1.1:8080/users/alice#main-key",
        "file:///etc/passwd#key",
    ],
)
def test_an_actor_on_a_private_address_is_not_fetched_and_refused(
    client, mastodon, post, key_id
):
    response = refused(client, mastodon, post, key_id=key_id)
    assert response.status_code in (401, 403)


def test_an_oversized_body_is_refused_before_anything_else(
    client, mastodon, post, settings
):
    settings.FEDIVERSE_MAX_BODY_BYTES = 10_000
    follow = fixture_activity("follow", mastodon, post)
    follow["padding"] = "x" * 20_000
    before = stored_counts()
    response = mastodon.post(client, follow, "alice")
    assert response.status_code == 413
    assert stored_counts() == before
    assert mastodon.http.requests == []  # the actor was not even fetched


def test_a_body_nested_too_deep_is_refused(client, mastodon, post):
    follow = fixture_activity("follow", mastodon, post)
    nested = {}
    for _ in range(100):
        nested = {"a": nested}
    follow["extra"] = nested
    before = stored_counts()
    response = mastodon.post(client, follow, "alice")
    assert response.status_code == 400
    assert stored_counts() == before


@pytest.mark.parametrize("block", [{"domain": "127.0.0.1"}, {"actor": "alice"}])
def test_a_blocked_server_or_actor_is_refused(client, mastodon, post, block):
    if "actor" in block:
        Block.objects.create(actor_uri=mastodon.actor(block["actor"]))
    else:
        Block.objects.create(domain=block["domain"])
    response = refused(client, mastodon, post)
    assert response.status_code == 403


def test_an_activity_signed_by_another_actor_is_refused(client, mastodon, post):
    follow = fixture_activity("follow", mastodon, post)  # alice's
    before = stored_counts()
    response = mastodon.post(client, follow, "bob")
    assert response.status_code == 401
    assert stored_counts() == before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_SIGNATURE": "garbage"},
        {"HTTP_SIGNATURE": 'keyId="x",signature="not base64!"'},
    ],
)
def test_a_missing_or_malformed_signature_is_refused(client, post, headers):
    before = stored_counts()
    response = client.post(
        "/fediverse/inbox/", b"{}", content_type="application/activity+json", **headers
    )
    assert response.status_code == 401
    assert stored_counts() == before


def test_the_inbox_answers_only_post(client, post):
    assert client.get("/fediverse/inbox/").status_code == 405


def test_too_many_activities_from_one_server_are_refused(
    client, mastodon, post, settings
):
    settings.FEDIVERSE_RATE_LIMIT = (2, 60)
    from django.core.cache import cache

    cache.delete("ratelimit:fediverse-inbox:127.0.0.1")
    follow = fixture_activity("follow", mastodon, post)
    answers = [mastodon.post(client, follow, "alice").status_code for _ in range(3)]
    assert answers == [202, 202, 429]
