"""A hand-typed `?reply_to=` that cannot be answered (below the deepest
level, not a published comment of this post, not a comment at all) is
refused with a message and a 4xx, on the post page and on the form's own
page, instead of showing a form that would save a top-level comment."""

import pytest

from blog.models import BlogComment

from . import comment_helpers

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits


def add(post, text, parent=None, **fields):
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        user_email="ama@example.org",
        comment=text,
        language="en",
        parent_id=parent.pk if parent else 0,
        **fields,
    )


@pytest.fixture
def thread(post):
    """A comment, a reply and a reply to the reply (the deepest level)."""
    top = add(post, "Level one")
    reply = add(post, "Level two", parent=top)
    deepest = add(post, "Level three", parent=reply)
    assert deepest.level == 2
    return [top, reply, deepest]


def form_page(client, post, reply_to):
    return client.get(f"/comments/form/{post.pk}/?reply_to={reply_to}")


def post_page(client, post, reply_to):
    return client.get(f"{post.url}?reply_to={reply_to}")


@pytest.mark.parametrize("page", [form_page, post_page])
def test_a_reply_below_the_deepest_level_is_refused(client, post, thread, page):
    response = page(client, post, thread[-1].pk)
    assert response.status_code == 400
    assert "three levels" in response.text
    assert 'class="comment-form"' not in response.text
    assert "Level three" in response.text or page is form_page


@pytest.mark.parametrize("page", [form_page, post_page])
@pytest.mark.parametrize("target", ["missing", "held", "removed", "other post"])
def test_a_reply_to_a_comment_not_shown_on_this_post_is_refused(
    client, post, make_post, thread, page, target
):
    if target == "missing":
        reply_to = 987654
    elif target == "other post":
        reply_to = add(make_post(title="Another post"), "Elsewhere").pk
    else:
        field = {"held": "is_public", "removed": "is_removed"}[target]
        reply_to = add(post, "Hidden", **{field: field == "is_removed"}).pk
    response = page(client, post, reply_to)
    assert response.status_code == 400
    assert "not part of this post" in response.text
    assert 'class="comment-form"' not in response.text


@pytest.mark.parametrize("page", [form_page, post_page])
@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999"])
def test_a_reply_to_something_that_is_not_a_comment_is_refused(
    client, post, page, value
):
    response = page(client, post, value)
    assert response.status_code == 400
    assert 'class="comment-form"' not in response.text


@pytest.mark.parametrize("level", [0, 1])
def test_replies_above_the_deepest_level_still_open_a_reply_form(
    client, post, thread, level
):
    parent = thread[level]
    for response in (
        form_page(client, post, parent.pk),
        post_page(client, post, parent.pk),
    ):
        assert response.status_code == 200
        assert f'name="reply_to" value="{parent.pk}"' in response.text


def test_an_empty_reply_to_shows_the_page_as_usual(client, post, thread):
    assert post_page(client, post, "").status_code == 200
    assert form_page(client, post, "").status_code == 200
