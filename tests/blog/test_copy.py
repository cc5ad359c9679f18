"""What readers are told after commenting and under a post nobody has
liked yet: real sentences, no "0 people like this"."""

import pytest

from blog.models import PostLike
from website.factories import UserFactory

from . import comment_helpers
from .comment_helpers import post_comment

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits


def test_after_commenting_a_reader_is_told_it_is_published_once_confirmed(client, post):
    response = post_comment(client, post)
    page = client.get(response["Location"]).text

    assert "It is not published before." not in page
    assert (
        "We have sent you an email with a link: follow it to confirm your "
        "comment. Your comment will not be published until you do." in page
    )


def test_a_post_nobody_likes_does_not_say_zero_people_like_it(client, post):
    html = client.get(post.url).text

    assert "0 people like this" not in html
    assert "likes__count" not in html


def test_a_liked_post_says_how_many_people_like_it(client, post):
    PostLike.objects.create(page=post, user=UserFactory())

    assert "1 person likes this" in client.get(post.url).text
