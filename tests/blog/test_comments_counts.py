"""Comment counts in blog listings: right, and without a query per post."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.factories import BlogIndexPageFactory
from blog.models import BlogComment

pytestmark = pytest.mark.django_db


def add_comment(post, **fields):
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        user_email="ama@example.org",
        comment="Hello",
        language=post.locale.language_code,
        **fields,
    )


@pytest.fixture(scope="module")
def blogs(homes, make_post):
    """{number of posts: a blog index with that many posts}; the first post
    of each has two visible comments, one held and one removed."""
    made = {}
    for count in (1, 10):
        index = BlogIndexPageFactory(parent=homes["en"], slug=f"comments-{count}")
        posts = [make_post(parent=index) for _ in range(count)]
        add_comment(posts[0])
        add_comment(posts[0], is_public=False)
        add_comment(posts[0], is_removed=True)
        reply = add_comment(posts[0])
        reply.save()
        made[count] = index
    return made


def queries_to_render(client, url):
    client.get(url)  # warm up what is cached per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_listing_shows_visible_comments_only(client, blogs):
    _, response = queries_to_render(client, blogs[1].url)
    assert "2 comments" in response.text
    [post] = response.context["posts"]
    assert post.comment_count == 2


def test_listing_counts_comments_in_the_same_number_of_queries_for_1_and_10_posts(
    client, blogs
):
    one, _ = queries_to_render(client, blogs[1].url)
    ten, response = queries_to_render(client, blogs[10].url)
    assert one == ten
    counts = [post.comment_count for post in response.context["posts"]]
    assert sorted(counts) == [0] * 9 + [2]
    assert response.text.count("0 comments") == 9
