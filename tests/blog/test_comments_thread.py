"""The thread as readers see it: pages of threads, a fixed number of
queries whatever its size, a fresh form fragment, remembered details."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.comments.likes import LIKERS_SHOWN
from blog.models import BlogComment, PostLike
from website.factories import UserFactory

from . import comment_helpers
from .comment_helpers import post_comment

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits


def add_thread(post, count, replies=2):
    """`count` top-level comments, each with a reply and a reply to that."""
    for number in range(count):
        parent = None
        for level in range(replies + 1):
            comment = BlogComment(
                content_object=post,
                site_id=1,
                user=UserFactory() if level == 1 else None,
                user_name=f"Reader {number}-{level}",
                user_email=f"r{number}@example.org",
                comment=f"Comment {number}-{level} https://example.org/{number}",
                language="en",
                parent_id=parent.pk if parent else 0,
            )
            comment.save()
            parent = comment


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_post_page_renders_in_the_same_number_of_queries_for_2_and_20_threads(
    client, post, make_post
):
    other = make_post(title="A busy post")
    add_thread(post, 2)
    add_thread(other, 20)
    client.get(post.url)
    client.get(other.url)
    few, _ = queries(client, post.url)
    many, response = queries(client, other.url)
    assert few == many
    assert "60 comments" in response.text
    assert response.text.count('class="comment comment--comment"') == 60


def test_long_threads_are_paginated_by_top_level_comment(client, post, settings):
    settings.COMMENTS_PER_PAGE = 2
    add_thread(post, 3, replies=1)
    first = client.get(post.url).text
    assert "Comment 0-0" in first and "Comment 1-1" in first
    assert "Comment 2-0" not in first
    assert 'href="?cpage=2#comments"' in first
    second = client.get(f"{post.url}?cpage=2").text
    assert "Comment 2-0" in second and "Comment 2-1" in second
    assert "Comment 0-0" not in second
    assert "Comment 2-0" in client.get(f"{post.url}?cpage=99").text  # last page
    assert "Comment 0-0" in client.get(f"{post.url}?cpage=x").text  # first page


def test_form_fragment_is_fresh_and_never_cached(client, post):
    response = client.get(f"/comments/form/{post.pk}/", HTTP_X_FRAGMENT="1")
    assert response.status_code == 200
    assert 'name="security_hash"' in response.text
    assert "no-cache" in response["Cache-Control"]
    assert "<html" not in response.text


def test_form_fragment_of_an_unknown_post_is_refused(client, post):
    assert client.get("/comments/form/987654/").status_code == 400


def test_remember_my_details_is_an_opt_in_cookie(client, post):
    assert 'id="id_remember" checked' not in comment_helpers.form_html(client, post)
    response = post_comment(client, post, name="Ama Owusu")
    assert not response.cookies["comment_author"].value  # deleted, never set
    response = post_comment(client, post, name="Ama Owusu", remember="on")
    cookie = response.cookies["comment_author"]
    assert cookie["httponly"] and cookie["max-age"]
    html = comment_helpers.form_html(client, post)
    assert 'value="Ama Owusu"' in html
    assert 'id="id_remember" checked' in html


def add_comments(post, total):
    """`total` comments in threads of three levels (a comment, a reply, a
    reply to the reply); the last thread is shorter if need be."""
    threads, rest = divmod(total, 3)
    add_thread(post, threads)
    if rest:
        add_thread(post, 1, replies=rest - 1)


# The post page, with its thread, form and likes, whatever the thread's size.
POST_PAGE_QUERIES = 13


@pytest.mark.parametrize("total", [5, 200])
def test_post_page_renders_5_or_200_comments_in_the_same_query_bound(
    client, make_post, settings, django_assert_max_num_queries, total
):
    settings.COMMENTS_PER_PAGE = 100  # all 67 threads of 200 comments on one page
    busy = make_post(title=f"A post with {total} comments")
    add_comments(busy, total)
    assert BlogComment.objects.for_page(busy).filter(level=2).exists()
    client.get(busy.url)  # warm the per-process caches (site root, content types)
    with django_assert_max_num_queries(POST_PAGE_QUERIES):
        response = client.get(busy.url)
    assert response.status_code == 200
    assert f"{total} comments" in response.text
    assert response.text.count('class="comment comment--comment"') == total


def test_a_post_with_pages_of_comments_and_many_likes_costs_the_queries_of_a_quiet_one(
    client, make_post, settings
):
    """The post page's queries do not depend on its thread's length (one
    page or many) or on how many like it: at 100 times today's content the
    busiest post runs the queries of the demo's (issue #23)."""
    settings.COMMENTS_PER_PAGE = 10
    quiet = make_post(title="A quiet post")
    add_comments(quiet, 5)
    PostLike.objects.create(page=quiet, user=UserFactory())
    busy = make_post(title="A busy post")
    add_comments(busy, 90)  # 30 threads: three pages
    for _ in range(LIKERS_SHOWN + 3):
        PostLike.objects.create(page=busy, user=UserFactory())
    client.get(quiet.url)  # warm the per-process caches (site root, content types)
    few, _ = queries(client, quiet.url)
    many, response = queries(client, busy.url)
    assert few == many
    assert "90 comments" in response.text
    assert 'href="?cpage=2#comments" rel="next"' in response.text
    assert f"{LIKERS_SHOWN + 3}" in response.text  # the count, not the first 12
