"""Each blog language is an actor that Mastodon can find (WebFinger) and
follow: its document carries its public key, made once and kept, and is
served at its own URL, never mixed with the HTML pages."""

import json

import pytest
from cryptography.hazmat.primitives import serialization

from fediverse.models import LocalActor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("username", "language"), [("blog", "en"), ("blog-es", "es")])
def test_webfinger_finds_the_actor_of_each_blog_language(
    client, blog, username, language
):
    response = client.get(
        "/.well-known/webfinger", {"resource": f"acct:{username}@testserver"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jrd+json")
    document = json.loads(response.content)
    assert document["subject"] == f"acct:{username}@testserver"
    self_link = next(link for link in document["links"] if link["rel"] == "self")
    assert self_link["type"] == "application/activity+json"
    assert self_link["href"] == f"http://testserver/fediverse/actors/{username}/"
    profile = next(
        link
        for link in document["links"]
        if link["rel"] == "http://webfinger.net/rel/profile-page"
    )
    assert profile["href"].endswith(f"/{language}/blog/")


@pytest.mark.parametrize(
    "resource",
    ["acct:nobody@testserver", "acct:blog@elsewhere.example", "", "mailto:x@y"],
)
def test_webfinger_answers_404_for_anyone_else(client, blog, resource):
    response = client.get("/.well-known/webfinger", {"resource": resource})
    assert response.status_code == 404


def test_the_usernames_are_configurable(client, blog, settings):
    settings.FEDIVERSE_ACTORS = {"en": "librarians"}
    found = client.get(
        "/.well-known/webfinger", {"resource": "acct:librarians@testserver"}
    )
    gone = client.get("/.well-known/webfinger", {"resource": "acct:blog@testserver"})
    assert found.status_code == 200
    assert gone.status_code == 404


def test_the_actor_document_has_its_key_name_inboxes_and_site_link(client, blog):
    response = client.get("/fediverse/actors/blog-es/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/activity+json")
    assert "Accept" in response["Vary"]
    actor = json.loads(response.content)
    assert actor["id"] == "http://testserver/fediverse/actors/blog-es/"
    assert actor["preferredUsername"] == "blog-es"
    assert actor["name"].startswith(blog["es"].title)
    assert actor["summary"] == "Noticias de la red."
    assert actor["url"].endswith("/es/blog/")
    assert actor["inbox"] == "http://testserver/fediverse/actors/blog-es/inbox/"
    assert actor["endpoints"]["sharedInbox"] == "http://testserver/fediverse/inbox/"
    key = actor["publicKey"]
    assert key["id"] == actor["id"] + "#main-key"
    assert key["owner"] == actor["id"]
    loaded = serialization.load_pem_public_key(key["publicKeyPem"].encode())
    assert loaded.key_size == 2048


def test_keys_are_made_once_and_kept(client, blog):
    first = json.loads(client.get("/fediverse/actors/blog/").content)
    second = json.loads(client.get("/fediverse/actors/blog/").content)
    assert first["publicKey"]["publicKeyPem"] == second["publicKey"]["publicKeyPem"]
    assert LocalActor.objects.filter(language="en").count() == 1


def test_an_unknown_actor_is_gone(client, blog):
    assert client.get("/fediverse/actors/nobody/").status_code == 410


def test_the_html_page_and_the_activitypub_object_are_at_different_urls(client, post):
    """Asking the page for JSON still gets the page (HTML): the JSON has its
    own URL, so no cache keyed on the path can hand one out for the other."""
    page = client.get(post.url, HTTP_ACCEPT="application/activity+json")
    assert page["Content-Type"].startswith("text/html")
    document = client.get(f"/fediverse/posts/{post.pk}/")
    assert document["Content-Type"].startswith("application/activity+json")
    article = json.loads(document.content)
    assert article["type"] == "Article"
    assert article["url"] == post.get_full_url()
    assert article["name"] == "Getting to know you"
    assert article["summary"] == "Round 3 has begun."
    assert article["attributedTo"] == "http://testserver/fediverse/actors/blog/"


def test_a_draft_or_private_post_has_no_activitypub_object(client, post):
    post.refresh_from_db()
    post.unpublish()
    assert client.get(f"/fediverse/posts/{post.pk}/").status_code == 410
