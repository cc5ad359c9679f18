"""A deep page of the blog counts the comments of its own posts only: the
listing's query has no comment subquery (PostgreSQL ran it for every row
that OFFSET skipped), and page 3 takes the queries page 1 takes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.factories import BlogIndexPageFactory
from blog.models import BlogComment
from blog.models.pages import POSTS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def blog_of_three_pages(homes, make_post):
    index = BlogIndexPageFactory(parent=homes["en"], slug="deep")
    posts = [make_post(parent=index) for _ in range(2 * POSTS_PER_PAGE + 2)]
    for post in posts:
        BlogComment.objects.create(
            content_object=post,
            site_id=1,
            user_name="Ama",
            user_email="ama@example.org",
            comment="Hello",
            language="en",
        )
    return index


def test_a_deep_page_takes_the_queries_of_the_first_and_no_comment_subquery(
    client, blog_of_three_pages
):
    url = blog_of_three_pages.url
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as deep:
        response = client.get(url + "?page=3")
    assert response.status_code == 200
    assert len(deep.captured_queries) == len(first.captured_queries)
    for query in deep.captured_queries:
        if "OFFSET" in query["sql"]:
            assert "django_comments" not in query["sql"]
    counts = [post.comment_count for post in response.context["posts"]]
    assert counts == [1, 1]
    assert response.text.count("1 comment<") == 2
