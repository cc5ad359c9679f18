"""The comments listing at any size: its status filters add no DISTINCT,
its post filter is a page chooser (no <select> of every commented post),
and its queries do not grow with the comments or the posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments.models import CommentFlag

from blog.models import BlogComment
from website.factories import UserFactory

from . import comment_helpers

pytestmark = pytest.mark.django_db

post = comment_helpers.post

LIST_URL = "/admin/snippets/blog/blogcomment/"
FILTERS = [
    {},
    {"status": "pending"},
    {"status": "published"},
    {"status": "flagged"},
    {"status": "spam"},
]


def add_comments(post, how_many, start=0, **fields):
    comments = [
        BlogComment.objects.create(
            content_object=post,
            site_id=1,
            user_name=f"Reader {start + number}",
            user_email=f"reader{start + number}@example.org",
            comment=f"Comment number {start + number}",
            language="en",
            is_public=number % 3 != 0,
            **fields,
        )
        for number in range(how_many)
    ]
    flagger = UserFactory()
    for comment in comments[::4]:
        # Two reports of one comment: a join would list it twice.
        CommentFlag.objects.create(
            comment=comment, user=flagger, flag=CommentFlag.SUGGEST_REMOVAL
        )
        CommentFlag.objects.create(
            comment=comment, user=UserFactory(), flag=CommentFlag.SUGGEST_REMOVAL
        )
    return comments


@pytest.fixture
def moderator(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("query", FILTERS)
def test_the_listing_takes_the_same_queries_whatever_the_comments(
    client, post, make_post, moderator, query, django_assert_max_num_queries
):
    add_comments(post, 3)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST_URL, query).status_code == 200
    little = len(queries.captured_queries)
    assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
    for number in range(5):
        add_comments(make_post(title=f"Another post {number}"), 15, start=100 * number)
    with django_assert_max_num_queries(little):
        response = client.get(LIST_URL, query)
    assert response.status_code == 200


def test_a_comment_reported_twice_is_listed_once(client, post, moderator):
    add_comments(post, 4)
    response = client.get(LIST_URL, {"status": "flagged"})
    # comments[0] (held) is reported twice: listed once.
    assert response.text.count("Comment number 0<") == 1
    assert "Comment number 1<" not in response.text


def test_the_post_filter_is_a_page_chooser_and_filters(
    client, post, make_post, moderator
):
    other = make_post(title="A post nobody reads twice")
    add_comments(post, 2)
    add_comments(other, 2, start=50)
    listing = client.get(LIST_URL).text
    assert "A post nobody reads twice</option>" not in listing
    assert 'data-controller="w-chooser"' in listing or "page-chooser" in listing
    response = client.get(LIST_URL, {"post": other.pk})
    assert "Comment number 50" in response.text
    assert "Comment number 0<" not in response.text


def test_a_post_filter_naming_no_page_is_an_error_not_a_crash(client, post, moderator):
    add_comments(post, 1)
    for value in ["999999", "x' OR 1=1", "-1"]:
        response = client.get(LIST_URL, {"post": value})
        assert response.status_code == 200
        assert "valid choice" in response.text


def test_a_page_of_the_listing_has_twenty_rows_and_the_same_queries_and_size(
    client, post, make_post, moderator
):
    """Rendering each row (and its menu of decisions) is what the listing
    costs, so a page holds 20 rows however long the queue."""
    add_comments(post, 25)
    client.get(LIST_URL)  # warm caches (site, locales, admin menus)
    with CaptureQueriesContext(connection) as few:
        response = client.get(LIST_URL)
    size = len(response.content)
    assert response.text.count("data-bulk-action-checkbox") == 20  # a row each
    for number in range(4):
        add_comments(make_post(title=f"Busy post {number}"), 25, start=100 * number)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST_URL)
    assert len(many) == len(few)
    assert abs(len(response.content) - size) < 2_000
    assert "Page 1 of 7" in response.text
