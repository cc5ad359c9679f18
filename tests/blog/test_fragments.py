"""Forms as uncached fragments: the like button, the comment and reply
forms and the report form come from their own views, as a fragment for
website/js/fragments.js or as a page of their own without JavaScript, with
fresh tokens and never cached."""

import pytest

from blog.models import BlogComment, PostLike
from website.factories import UserFactory

from . import comment_helpers
from .comment_helpers import POST_URL, form_fields

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits
FRAGMENT = {"HTTP_X_FRAGMENT": "1"}


@pytest.fixture
def member(client):
    user = UserFactory(profile__display_name="Ama Owusu")
    client.force_login(user)
    return user


def assert_uncached_fragment(response):
    assert response.status_code == 200
    assert response["X-Fragment"] == "1"
    assert "no-cache" in response["Cache-Control"]
    assert "<html" not in response.text


def test_the_like_button_asks_anonymous_readers_to_log_in(client, post):
    response = client.get(f"/comments/like/{post.pk}/", **FRAGMENT)
    assert_uncached_fragment(response)
    assert "Log in to like this post" in response.text
    assert "csrfmiddlewaretoken" not in response.text


def test_the_like_button_of_a_member_likes_then_unlikes(client, post, member):
    url = f"/comments/like/{post.pk}/"
    button = client.get(url, **FRAGMENT)
    assert_uncached_fragment(button)
    assert "csrfmiddlewaretoken" in button.text and 'value="like"' in button.text
    client.post(url, {"action": "like"})
    assert PostLike.objects.filter(page=post, user=member).exists()
    assert 'value="unlike"' in client.get(url, **FRAGMENT).text


def test_without_javascript_the_like_button_is_a_page_of_its_own(client, post, member):
    page = client.get(f"/comments/like/{post.pk}/")
    assert page.status_code == 200
    assert "<h1>Like this post</h1>" in page.text
    assert f'href="{post.url}#likes"' in page.text
    assert "no-cache" in page["Cache-Control"]


def test_a_comment_posted_from_the_fragment_is_published(client, post, member):
    fragment = client.get(f"/comments/form/{post.pk}/", **FRAGMENT)
    assert_uncached_fragment(fragment)
    data = form_fields(fragment.text)
    assert {"csrfmiddlewaretoken", "timestamp", "security_hash"} <= set(data)
    data.update({"comment": "Posted from the fragment", "honeypot": ""})
    response = client.post(POST_URL, data)
    assert response.status_code == 302
    comment = BlogComment.objects.get(comment="Posted from the fragment")
    assert comment.is_public
    assert "Posted from the fragment" in client.get(post.url).text


def test_a_reply_posted_from_the_reply_fragment_is_threaded(client, post, member):
    first = BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Wing Yan",
        user_email="wing@example.org",
        comment="Welcome, everyone",
    )
    fragment = client.get(f"/comments/form/{post.pk}/?reply_to={first.pk}", **FRAGMENT)
    data = form_fields(fragment.text)
    data.update({"comment": "Thank you!", "honeypot": ""})
    assert client.post(POST_URL, data).status_code == 302
    assert BlogComment.objects.get(comment="Thank you!").parent_id == first.pk


def test_without_javascript_the_comment_form_is_a_page_of_its_own(client, post):
    page = client.get(f"/comments/form/{post.pk}/")
    assert page.status_code == 200
    assert "<h1>Leave a comment</h1>" in page.text
    assert 'class="comment-form"' in page.text
    assert "no-cache" in page["Cache-Control"]


def test_reporting_a_comment_asks_first(client, post, member):
    comment = BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Someone",
        user_email="someone@example.org",
        comment="Buy cheap watches",
    )
    url = f"/comments/flag/{comment.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Buy cheap watches" in page.text
    assert not comment.flags.exists()
    assert client.post(url).status_code == 302
    assert comment.flags.count() == 1
