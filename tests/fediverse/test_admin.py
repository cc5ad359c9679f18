"""The fediverse in the admin: the demo's comment moderator reads the
followers, deliveries and incoming activities and keeps the block list
(adding a block removes what that server sent); an editor and a member
cannot open any of it."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from blog.models import BlogComment, BlogPage
from fediverse import actors
from fediverse.models import (
    Block,
    Delivery,
    Follower,
    IncomingActivity,
    RemoteActor,
    RemoteEntry,
)
from tests.conftest import demo_for_the_module  # noqa: F401
from tests.demo_accounts import client_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_for_the_module")]

PAGES = [
    "/admin/fediverse/followers/",
    "/admin/fediverse/deliveries/",
    "/admin/fediverse/incoming/",
    "/admin/fediverse/blocks/",
]


@pytest.fixture
def remote_reply():
    """A follower on spam.example who replied to a post."""
    post = BlogPage.objects.live().filter(locale__language_code="en").first()
    remote = RemoteActor.objects.create(
        uri="https://spam.example/users/eve",
        domain="spam.example",
        username="eve",
        inbox="https://spam.example/users/eve/inbox",
        key_id="https://spam.example/users/eve#main-key",
        public_key_pem="-",
    )
    actor = actors.actor_for_language("en")
    Follower.objects.create(actor=actor, remote=remote, follow_id=remote.uri + "#f")
    Delivery.objects.create(
        activity_id="http://testserver/fediverse/posts/1/#create",
        activity_type="Create",
        actor=actor,
        inbox="https://spam.example/inbox",
        body={},
        state=Delivery.State.GIVEN_UP,
        next_attempt_at="2026-01-01T00:00Z",
        last_error="the server answered 503",
    )
    IncomingActivity.objects.create(
        activity_id="https://spam.example/1", activity_type="Create",
        remote=remote, outcome="comment",
    )  # fmt: skip
    comment = BlogComment.objects.create(
        content_type=ContentType.objects.get_for_model(BlogPage),
        object_pk=str(post.pk),
        site_id=1,
        kind=BlogComment.Kind.FEDIVERSE,
        comment="Buy now",
        user_name="eve",
        is_public=True,
    )
    RemoteEntry.objects.create(
        object_id="https://spam.example/1", remote=remote, comment=comment
    )
    return comment


@pytest.mark.parametrize("path", PAGES)
def test_the_moderator_reads_each_fediverse_list(remote_reply, path):
    response = client_of("moderator@example.org").get(path)
    assert response.status_code == 200
    if "deliveries" in path:
        assert "Given up" in response.content.decode()
    if "followers" in path:
        assert "@eve@spam.example" in response.content.decode()


@pytest.mark.parametrize("email", ["editor@example.org", "member@example.org"])
@pytest.mark.parametrize("path", PAGES)
def test_other_roles_cannot_open_the_fediverse_admin(email, path):
    response = client_of(email).get(path)
    assert response.status_code in (302, 403)


def test_the_moderator_blocks_a_server_and_what_it_sent_goes(
    remote_reply, django_capture_on_commit_callbacks
):
    client = client_of("moderator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/fediverse/blocks/new/",
            {"domain": "Spam.Example", "actor_uri": "", "reason": "spam"},
        )
    assert response.status_code == 302
    assert Block.objects.get().domain == "spam.example"
    remote_reply.refresh_from_db()
    assert remote_reply.is_removed
    assert not Follower.objects.exists()


def test_a_block_naming_nothing_is_refused_with_a_message(remote_reply):
    client = client_of("moderator@example.org")
    response = client.post(
        "/admin/fediverse/blocks/new/", {"domain": "", "actor_uri": "", "reason": ""}
    )
    assert response.status_code == 200
    assert "Give a server" in response.content.decode()
    assert not Block.objects.exists()


def test_deliveries_cannot_be_added_or_edited_by_the_moderator(remote_reply):
    client = client_of("moderator@example.org")
    assert client.get("/admin/fediverse/deliveries/new/").status_code in (302, 403)


def fediverse_menu_links(response):
    """The admin pages of the Fediverse menu that the sidebar offers (the
    sidebar's items are in the page as JSON, read by Wagtail's script)."""
    return sorted(set(re.findall(r"/admin/fediverse/[a-z]+/", response.text)))


def test_the_fediverse_menu_is_in_the_moderators_admin():
    response = client_of("moderator@example.org").get("/admin/")
    assert response.status_code == 200
    assert fediverse_menu_links(response) == sorted(PAGES)
    assert '"fediverse"' in response.text  # the group's menu name


def test_the_translator_does_not_see_the_fediverse_menu():
    response = client_of("traductora@example.org").get("/admin/")
    assert response.status_code == 200  # she works in the admin…
    assert fediverse_menu_links(response) == []  # …without the Fediverse
    assert '"fediverse"' not in response.text


def test_a_member_has_no_admin_and_so_no_fediverse_menu():
    response = client_of("member@example.org").get("/admin/")
    assert response.status_code == 302
    assert "/login/" in response.url
    assert (
        fediverse_menu_links(
            client_of("member@example.org").get("/admin/", follow=True)
        )
        == []
    )
