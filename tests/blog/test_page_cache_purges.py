"""What the discussion changes, the page cache forgets at once: an
approved comment (also approved in bulk by a moderator) and likes. A
comment waiting for moderation purges nothing."""

import pytest

from blog.models import BlogComment
from tests import page_cache_helpers
from tests.page_cache_helpers import assert_cached, assert_fresh
from website.factories import UserFactory

from . import comment_helpers
from .test_comments_admin import add_comment

pytestmark = pytest.mark.django_db

post = comment_helpers.post
page_cache = page_cache_helpers.page_cache
commit = page_cache_helpers.commit


@pytest.fixture
def listings(post, homes, page_cache):
    """The pages that list the post with its comment count."""
    index = post.get_parent()
    return [post.url, homes["en"].url, index.url, index.url + "feed/"]


def test_a_published_comment_purges_the_listings(client, post, listings, commit):
    assert_cached(client, *listings)
    commit(add_comment, post, "A first reply")
    assert_fresh(client, *listings)


def test_a_held_comment_purges_nothing(client, post, listings, commit):
    assert_cached(client, *listings)
    commit(add_comment, post, "Waiting", is_public=False)
    for url in listings:
        assert client.get(url)["X-Cache"] == "hit"


def test_approving_in_bulk_purges_the_listings(client, post, listings, commit):
    held = add_comment(post, "Waiting", is_public=False)
    assert_cached(client, *listings)
    moderator = UserFactory(is_superuser=True, is_staff=True)
    admin = client_class_logged_in(moderator)
    url = f"/admin/bulk/blog/blogcomment/approve/?id={held.pk}"
    assert commit(admin.post, url).status_code == 302
    assert BlogComment.objects.get(pk=held.pk).is_public
    assert_fresh(client, *listings)


def client_class_logged_in(user):
    from django.test import Client

    member = Client()
    member.force_login(user)
    return member


def test_a_like_purges_the_post(client, post, page_cache, commit):
    assert_cached(client, post.url)
    member = client_class_logged_in(UserFactory(profile__display_name="Ama Owusu"))
    response = commit(member.post, f"/comments/like/{post.pk}/", {"action": "like"})
    assert response.status_code == 302
    page = client.get(post.url)
    assert page["X-Cache"] == "miss"
    assert "1 person likes this" in page.text
    commit(member.post, f"/comments/like/{post.pk}/", {"action": "unlike"})
    page = client.get(post.url)
    assert page["X-Cache"] == "miss"
    assert "likes this" not in page.text


def test_the_cached_post_page_carries_no_token(client, post, page_cache):
    first = client.get(post.url)
    assert b"csrfmiddlewaretoken" not in first.content
    assert not first.cookies
    assert client.get(post.url)["X-Cache"] == "hit"
