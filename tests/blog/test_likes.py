"""Likes: a member likes and unlikes a post; the count stays exact, also
under concurrent clicks (PostgreSQL)."""

import pytest
from django.test import Client

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import PostLike
from tests.concurrency import at_once
from website.factories import UserFactory

from . import comment_helpers

fresh_rate_limits = comment_helpers.fresh_rate_limits


@pytest.fixture
def post(translations):
    index = BlogIndexPageFactory(parent=translations["en"])
    return BlogPageFactory(parent=index, title="Webinars 2018")


def like_url(post):
    return f"/comments/like/{post.pk}/"


@pytest.mark.django_db
def test_anonymous_readers_see_the_count_and_a_log_in_link(client, post):
    PostLike.objects.create(page=post, user=UserFactory())
    html = client.get(post.url).text
    assert "1 person likes this" in html
    assert f'data-fragment="{like_url(post)}"' in html  # the button, for members
    button = client.get(like_url(post), HTTP_X_FRAGMENT="1").text
    assert "Log in to like this post" in button
    assert f'action="{like_url(post)}"' not in button


@pytest.mark.django_db
def test_anonymous_like_goes_to_the_log_in_page_and_stores_nothing(client, post):
    response = client.post(like_url(post), {"action": "like"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not PostLike.objects.exists()


@pytest.mark.django_db
def test_member_likes_and_unlikes_a_post(client, post):
    member = UserFactory(profile__display_name="Ama Owusu")
    client.force_login(member)
    response = client.post(like_url(post), {"action": "like"})
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#likes"
    html = client.get(post.url).text
    assert "1 person likes this" in html
    assert ">AO</span>" in html
    assert 'aria-pressed="true"' in client.get(like_url(post), HTTP_X_FRAGMENT="1").text
    client.post(like_url(post), {"action": "unlike"})
    assert not PostLike.objects.exists()
    assert "0 people like this" not in client.get(post.url).text


@pytest.mark.django_db
def test_liking_twice_counts_once(client, post):
    client.force_login(UserFactory())
    client.post(like_url(post), {"action": "like"})
    client.post(like_url(post), {"action": "like"})
    assert PostLike.objects.filter(page=post).count() == 1


@pytest.mark.django_db
def test_likes_of_several_members_are_counted(client, post):
    for _ in range(3):
        PostLike.objects.create(page=post, user=UserFactory())
    assert "3 people like this" in client.get(post.url).text


@pytest.mark.django_db
def test_like_of_an_unknown_post_is_refused(client, translations):
    client.force_login(UserFactory())
    assert client.post("/comments/like/987654/").status_code == 400


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_likes_by_one_member_make_one_like(post):
    member = UserFactory()
    clients = []
    for _ in range(8):
        client = Client()
        client.force_login(member)
        clients.append(client)

    def click(client):
        return lambda: client.post(like_url(post), {"action": "like"}).status_code

    statuses = at_once(*[click(client) for client in clients])
    assert statuses == [302] * len(clients)
    assert PostLike.objects.filter(page=post, user=member).count() == 1
