"""Fixtures of the fediverse tests: the blog's module-scoped pages (see
tests/blog/conftest.py), a fediverse server on loopback playing Mastodon
(remote_server.py), and helpers to read what the site stored."""

import json
from pathlib import Path

import pytest

from blog.models import BlogComment
from fediverse import actors
from fediverse.models import (
    Block,
    Delivery,
    FederatedPost,
    Follower,
    IncomingActivity,
    RemoteActor,
    RemoteEntry,
    RemoteLike,
)
from tests.blog.conftest import (  # noqa: F401 (fixtures used by these tests)
    blog,
    homes,
    make_post,
    module_db,
    site_locales,
)

from .remote_server import FediverseServer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mastodon():
    """A Mastodon-like server on 127.0.0.1 with two accounts, alice and bob."""
    with FediverseServer() as server:
        server.account("alice", display_name="Alice Librarian")
        server.account("bob", display_name="Bob Archivist")
        yield server


@pytest.fixture(scope="module")
def post(make_post):  # noqa: F811 (the fixture imported above)
    return make_post(title="Getting to know you", excerpt="Round 3 has begun.")


def our_actor(language="en"):
    return actors.actor_for_language(language)


def fixture_activity(name, server, post, **extra):
    """A Mastodon activity from tests/fediverse/fixtures/, with the test
    server's address, our actor and our post in place of the placeholders."""
    text = (FIXTURES / f"{name}.json").read_text()
    replacements = {
        "{{REMOTE}}": server.base,
        "{{ACTOR}}": actors.actor_id(our_actor(post.locale.language_code)),
        "{{POST}}": actors.post_object_id(post.pk),
        "{{POST_URL}}": post.get_full_url(),
        **extra,
    }
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    return json.loads(text)


def stored_counts():
    """How many rows of each thing an incoming activity could store."""
    return {
        model.__name__: model.objects.count()
        for model in (
            RemoteActor,
            Follower,
            IncomingActivity,
            RemoteEntry,
            RemoteLike,
            Delivery,
            FederatedPost,
            Block,
            BlogComment,
        )
    }


def entries(post):
    return list(
        BlogComment.objects.for_page(post)
        .filter(kind__in=[BlogComment.Kind.FEDIVERSE, BlogComment.Kind.BOOST])
        .order_by("pk")
    )
