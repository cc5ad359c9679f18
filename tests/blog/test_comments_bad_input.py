"""Bad and hostile input to the comment form: each gets a clear 4xx page
and stores nothing; whatever is stored is shown escaped."""

import datetime

import pytest
from django.utils import timezone

from blog.comments.forms import CommentForm
from blog.models import BlogComment, BlogPage
from blog.models.pages import CommentsPolicy
from website.factories import UserFactory
from website.models import OutboxMessage

from . import comment_helpers
from .comment_helpers import POST_URL, comment_data, post_comment

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '" onmouseover="alert(1)',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    'http://example.org/" onmouseover="alert(1)',
    "<svg/onload=alert(1)>",
]


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def nothing_stored():
    return not BlogComment.objects.exists() and not OutboxMessage.objects.exists()


def test_forged_security_hash_is_refused_with_a_clear_message(client, post):
    data = comment_data(client, post)
    data["security_hash"] = "0" * 40
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "This comment form cannot be used" in response.text
    assert nothing_stored()


def test_missing_security_fields_are_refused(client, post):
    data = comment_data(client, post)
    del data["security_hash"], data["timestamp"]
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert nothing_stored()


def test_expired_form_is_refused(client, post):
    data = comment_data(client, post)
    form = CommentForm(post)
    old = int(timezone.now().timestamp()) - 3 * 60 * 60
    data["timestamp"] = str(old)
    data["security_hash"] = form.initial_security_hash(old)
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "more than two hours" in response.text
    assert nothing_stored()


@pytest.mark.parametrize(
    "content_type, object_pk",
    [
        ("auth.user", "1"),
        ("nonsense", "1"),
        ("blog.nomodel", "1"),
        ("blog.blogpage", "not-a-number"),
        ("blog.blogpage", "²"),
        ("blog.blogpage", "99999999999999999999"),
    ],
)
def test_unknown_content_types_and_objects_are_refused(
    client, post, content_type, object_pk
):
    data = comment_data(client, post, content_type=content_type, object_pk=object_pk)
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "This comment form cannot be used" in response.text
    assert nothing_stored()


def test_comment_on_a_post_that_does_not_exist_is_refused(client, post):
    data = comment_data(client, post, object_pk="987654")
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "This post is not available" in response.text
    assert nothing_stored()


def test_filled_honeypot_is_refused(client, post):
    response = post_comment(client, post, honeypot="http://spam.example/")
    assert response.status_code == 400
    assert "Your comment was refused" in response.text
    assert nothing_stored()


def test_oversized_comment_is_refused_with_the_form_and_its_error(client, post):
    response = post_comment(client, post, comment="x" * 3001)
    assert response.status_code == 400
    assert "Please correct your comment" in response.text
    assert 'class="field-errors"' in response.text
    assert nothing_stored()


def test_empty_comment_and_bad_email_are_refused(client, post):
    response = post_comment(client, post, comment="", email="not-an-email")
    assert response.status_code == 400
    assert response.text.count('class="field-errors"') == 2
    assert nothing_stored()


def test_get_on_the_post_url_is_not_allowed(client):
    assert client.get(POST_URL).status_code == 405


def test_closed_post_refuses_comments_and_shows_no_form(client, post):
    data = comment_data(client, post)
    BlogPage.objects.filter(pk=post.pk).update(comments_policy=CommentsPolicy.CLOSED)
    assert "Comments are closed on this post." in client.get(post.url).text
    response = client.post(POST_URL, data)
    assert response.status_code == 403
    assert "Comments are closed" in response.text
    assert nothing_stored()


def test_comments_close_automatically_after_the_chosen_number_of_days(post):
    page = BlogPage.objects.get(pk=post.pk)
    page.comments_policy = CommentsPolicy.AUTO_CLOSE
    page.comments_close_after_days = 14
    page.date = datetime.date(2026, 1, 1)
    assert page.comments_open(today=datetime.date(2026, 1, 14))
    assert not page.comments_open(today=datetime.date(2026, 1, 15))


def test_reply_to_a_comment_of_another_post_is_refused(client, post, make_post, member):
    other = make_post(title="Another post")
    post_comment(client, other, comment="On the other post")
    foreign = BlogComment.objects.get()
    data = comment_data(client, post)
    data["reply_to"] = str(foreign.pk)
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "not part of this post" in response.text
    assert BlogComment.objects.count() == 1


@pytest.mark.parametrize("reply_to", ["-1", "99999999999999999999", "abc"])
def test_reply_to_a_comment_that_does_not_exist_is_refused(client, post, reply_to):
    data = comment_data(client, post)
    data["reply_to"] = reply_to
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert nothing_stored()


def test_reply_beyond_the_depth_limit_is_refused(client, post, member):
    post_comment(client, post, comment="one")
    parent = BlogComment.objects.latest("pk")
    for text in ("two", "three"):
        post_comment(client, post, reply_to=parent.pk, comment=text)
        parent = BlogComment.objects.latest("pk")
    assert parent.level == 2
    data = comment_data(client, post, comment="four")
    data["reply_to"] = str(parent.pk)
    response = client.post(POST_URL, data)
    assert response.status_code == 400
    assert "three levels" in response.text
    assert BlogComment.objects.count() == 3


def test_reply_to_a_held_comment_is_refused(client, post, member):
    post_comment(client, post, comment="visible")
    held = BlogComment.objects.get()
    BlogComment.objects.filter(pk=held.pk).update(is_public=False)
    data = comment_data(client, post, comment="reply")
    data["reply_to"] = str(held.pk)
    assert client.post(POST_URL, data).status_code == 400
    assert BlogComment.objects.count() == 1


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_text_in_every_field_is_shown_escaped(client, post, payload):
    response = post_comment(
        client,
        post,
        comment=f"Before {payload} after",
        name=payload[:50],
        url="https://example.org/ok",
    )
    assert response.status_code == 302
    BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name=payload[:50],
        user_email="x@example.org",
        user_url="javascript:alert(1)",
        comment=f"Before {payload} after",
        language="en",
    )
    html = client.get(post.url).text
    assert "Before" in html
    for dangerous in ("<script>alert", "<img src=x", "<svg/onload", 'onmouseover="'):
        assert dangerous not in html
    assert 'href="javascript:' not in html


def test_website_with_a_javascript_url_is_refused_by_the_form(client, post):
    response = post_comment(client, post, url="javascript:alert(1)")
    assert response.status_code == 400
    assert nothing_stored()


def test_links_are_clickable_with_nofollow_ugc(client, post):
    BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        user_email="ama@example.org",
        user_url="https://ama.example.org/",
        comment="See https://library.example.org/round-3 for details.",
        language="en",
    )
    html = client.get(post.url).text
    assert '<a href="https://library.example.org/round-3" rel="nofollow ugc">' in html
    assert '<a href="https://ama.example.org/" rel="nofollow ugc">Ama</a>' in html


def test_the_commenters_email_never_appears_in_the_page(client, post):
    BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        user_email="ama.secret@example.org",
        comment="Hello",
        language="en",
    )
    html = client.get(post.url).text
    assert "Hello" in html
    assert "ama.secret" not in html


def test_posting_is_rate_limited_per_address(client, post, settings):
    settings.COMMENTS_RATE_LIMIT = (2, 60)
    for number in range(2):
        response = post_comment(client, post, comment=f"Comment {number}")
        assert response.status_code == 302
    response = post_comment(client, post, comment="One too many")
    assert response.status_code == 429
    assert "Too many requests" in response.text
    assert OutboxMessage.objects.count() == 2


def test_bad_confirmation_link_is_refused(client):
    response = client.get("/comments/confirm/not-a-signed-value/")
    assert response.status_code == 400
    assert "This confirmation link does not work" in response.text


def test_bad_unsubscribe_link_is_refused(client):
    response = client.get("/comments/mute/forged/")
    assert response.status_code == 400
    assert "This unsubscribe link does not work" in response.text
