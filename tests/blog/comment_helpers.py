"""Helpers of the comment tests: a post to comment on, and posting through
the real form (GET the page, take the form's hidden fields, POST)."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from blog.models import BlogComment
from tests.website.mail_backends import delivered
from website.models import OutboxMessage

POST_URL = "/comments/post/"
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
CONFIRM_LINK = re.compile(r"https?://[^\s]+/comments/confirm/[^\s/]+/")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def post(make_post):
    """A live English post, made once per module (see tests/blog/conftest.py:
    each test's changes are rolled back, the post stays)."""
    return make_post(title="Discussion topic: Getting to know you")


def form_fields(html, form_index=-1):
    """The hidden fields of a comment form in `html` (the last one unless
    told otherwise)."""
    forms = re.findall(r'<form class="comment-form".*?</form>', html, flags=re.DOTALL)
    assert forms, "no comment form on the page"
    return {name: unescape(value) for name, value in HIDDEN.findall(forms[form_index])}


def form_html(client, post, reply_to=None):
    """The comment form, a fragment of the (cacheable) post page that
    website/js/fragments.js loads (website/fragments.py)."""
    url = f"/comments/form/{post.pk}/" + (f"?reply_to={reply_to}" if reply_to else "")
    response = client.get(url, HTTP_X_FRAGMENT="1")
    assert response.status_code == 200
    return response.text


def comment_data(client, post, reply_to=None, **fields):
    data = form_fields(form_html(client, post, reply_to))
    data.pop("csrfmiddlewaretoken", None)
    data.update(
        {
            "name": "Ama Owusu",
            "email": "ama@example.org",
            "url": "",
            "comment": "Thank you for the prompts!",
            "honeypot": "",
        }
    )
    data.update(fields)
    return data


def post_comment(client, post, reply_to=None, **fields):
    return client.post(POST_URL, comment_data(client, post, reply_to, **fields))


def confirmation_link(email):
    """The link in the confirmation email as the commenter got it (the
    stored copy has its key hidden)."""
    message = OutboxMessage.objects.filter(
        to=email, template="blog/email/comment_confirmation"
    ).latest("pk")
    return CONFIRM_LINK.search(delivered(message).body).group(0)


def confirm(client, email):
    link = confirmation_link(email)
    return client.get(link.split("testserver", 1)[-1])


def comment_anonymously(client, post, email="ama@example.org", **fields):
    """Post and confirm an anonymous comment; returns the stored comment."""
    response = post_comment(client, post, email=email, **fields)
    assert response.status_code == 302, response.content
    confirm(client, email)
    return BlogComment.objects.filter(user_email=email).latest("pk")


def publish(comment):
    comment.is_public = True
    comment.save()
    return comment


def sent_url(post, status):
    return f"{reverse('comments-sent')}?post={post.pk}&s={status}"
