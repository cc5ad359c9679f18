"""Commenting as readers do it: post through the form, confirm by email,
reply, and be told of follow-ups."""

import pytest
from django.core import mail

from blog.models import BlogComment
from tests.website.mail_backends import delivered
from website.factories import UserFactory
from website.models import OutboxMessage

from . import comment_helpers
from .comment_helpers import (
    comment_anonymously,
    confirm,
    post_comment,
    publish,
    sent_url,
)
from .conftest import translate_page

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits


def test_post_page_shows_an_empty_thread_and_the_form(client, post):
    response = client.get(post.url)
    assert response.status_code == 200
    html = response.text
    assert (
        '<section id="comments" class="comments" aria-labelledby="comments-heading">'
        in html
    )
    assert "0 comments" in html
    # The form is a fragment (a cached page carries no token), loaded from:
    form_url = f"/comments/form/{post.pk}/"
    assert f'data-fragment="{form_url}"' in html
    assert "csrfmiddlewaretoken" not in html
    form = client.get(form_url, HTTP_X_FRAGMENT="1").text
    assert 'name="security_hash"' in form
    assert '<label for="id_email">' in form


def test_anonymous_comment_waits_for_the_email_confirmation(client, post):
    response = post_comment(client, post)
    assert response.status_code == 302
    assert response["Location"] == sent_url(post, "confirm")
    assert not BlogComment.objects.exists()
    message = OutboxMessage.objects.get(to="ama@example.org")
    assert "Confirm your comment" in message.subject
    assert "/comments/confirm/" in message.body_text
    page = client.get(response["Location"])
    assert "Check your email" in page.text


def test_confirmation_email_is_delivered_after_the_commit(
    client, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post)
    [email] = mail.outbox
    assert email.to == ["ama@example.org"]
    assert "/comments/confirm/" in email.body


def test_first_comment_from_a_new_address_is_held_after_confirmation(client, post):
    post_comment(client, post)
    response = confirm(client, "ama@example.org")
    assert response.status_code == 302
    assert response["Location"] == sent_url(post, "held")
    comment = BlogComment.objects.get()
    assert comment.is_public is False
    assert comment.language == "en"
    assert comment.kind == BlogComment.Kind.COMMENT
    assert "awaiting moderation" in client.get(response["Location"]).text
    assert "Thank you for the prompts" not in client.get(post.url).text


def test_second_comment_from_a_confirmed_address_is_published(client, post):
    publish(comment_anonymously(client, post))
    post_comment(client, post, comment="And one more thought.")
    response = confirm(client, "ama@example.org")
    second = BlogComment.objects.latest("pk")
    assert second.is_public is True
    assert response["Location"] == f"{post.url}#c{second.pk}"
    assert "And one more thought." in client.get(post.url).text


def test_following_the_link_twice_stores_one_comment(client, post):
    post_comment(client, post)
    confirm(client, "ama@example.org")
    again = confirm(client, "ama@example.org")
    assert BlogComment.objects.count() == 1
    assert again.status_code == 200
    assert "Your comment is confirmed already" in again.text
    assert "it is awaiting moderation" in again.text


def test_following_the_link_after_approval_links_to_the_comment(client, post):
    comment = publish(comment_anonymously(client, post))
    again = confirm(client, "ama@example.org")
    assert "it is published under the post" in again.text
    assert f'href="{post.url}#c{comment.pk}"' in again.text


def test_member_comment_is_published_at_once_under_their_profile_name(client, post):
    member = UserFactory(profile__display_name="Lucía Pérez")
    client.force_login(member)
    response = post_comment(client, post, name="", email="")
    comment = BlogComment.objects.get()
    assert comment.is_public and comment.user == member
    assert response["Location"] == f"{post.url}#c{comment.pk}"
    html = client.get(post.url).text
    assert "Lucía Pérez" in html
    assert member.email not in html
    assert OutboxMessage.objects.filter(to=member.email).count() == 0


def test_members_see_only_the_comment_box(client, post):
    client.force_login(UserFactory())
    html = comment_helpers.form_html(client, post)
    assert 'name="comment"' in html
    assert 'name="email"' not in html
    assert 'name="name"' not in html


def test_replies_nest_three_levels_deep_oldest_first(client, post):
    member = UserFactory()
    client.force_login(member)
    post_comment(client, post, comment="Level one")
    first = BlogComment.objects.get()
    post_comment(client, post, reply_to=first.pk, comment="Level two")
    second = BlogComment.objects.latest("pk")
    post_comment(client, post, reply_to=second.pk, comment="Level three")
    third = BlogComment.objects.latest("pk")
    post_comment(client, post, comment="Another thread")
    assert [second.level, third.level] == [1, 2]
    html = client.get(post.url).text
    order = [html.index(text) for text in ("Level one", "Level two", "Level three")]
    assert order == sorted(order) and html.index("Another thread") > order[-1]
    assert html.count('<ol class="comment-list">') == 3  # the thread, two nested
    assert f'href="?reply_to={second.pk}#reply-form"' in html
    assert f'href="?reply_to={third.pk}#reply-form"' not in html  # deepest


def test_reply_link_opens_the_form_under_that_comment_without_javascript(client, post):
    client.force_login(UserFactory())
    post_comment(client, post, comment="Who else is in round 3?")
    comment = BlogComment.objects.get()
    html = client.get(f"{post.url}?reply_to={comment.pk}").text
    reply_form = html.index('id="reply-form"')
    assert html.index(f'id="c{comment.pk}"') < reply_form
    assert f'name="reply_to" value="{comment.pk}"' in html
    assert 'id="respond"' not in html  # only one form on the page


def test_follow_up_is_emailed_with_an_unsubscribe_link(client, post):
    follower = UserFactory()
    client.force_login(follower)
    post_comment(client, post, comment="First!", followup="on")
    client.logout()
    client.force_login(UserFactory())
    post_comment(client, post, comment="Second.")
    message = OutboxMessage.objects.get(to=follower.email)
    assert "New comment on" in message.subject
    assert "Second." in message.body_text
    # The stored copy hides the unsubscribe token; the follower got it.
    assert "[hidden-" in message.headers["List-Unsubscribe"]
    unsubscribe = delivered(message).extra_headers["List-Unsubscribe"].strip("<>")
    path = unsubscribe.split("testserver", 1)[1]
    assert client.get(path).status_code == 200  # asks first
    assert BlogComment.objects.get(comment="First!").followup is True
    assert client.post(path).status_code == 200
    assert BlogComment.objects.get(comment="First!").followup is False


def test_each_translation_has_its_own_thread(client, post, site_locales):
    spanish = translate_page(post, site_locales["es"], title="Tema")
    client.force_login(UserFactory())
    post_comment(client, spanish, comment="¡Hola a todas!")
    comment = BlogComment.objects.get()
    assert comment.language == "es"
    assert "¡Hola a todas!" in client.get(spanish.url).text
    assert "¡Hola a todas!" not in client.get(post.url).text


def test_a_second_comment_while_the_first_is_held_is_held_too(client, post):
    first = comment_anonymously(client, post)
    assert first.is_public is False  # a new address: held
    post_comment(client, post, comment="Hello? Is anyone there?")
    response = confirm(client, "ama@example.org")
    second = BlogComment.objects.latest("pk")
    assert second.pk != first.pk
    assert second.is_public is False
    assert response["Location"] == sent_url(post, "held")
    assert "Is anyone there" not in client.get(post.url).text


def test_a_removed_or_spam_comment_does_not_make_an_address_known(client, post):
    first = comment_anonymously(client, post)
    BlogComment.objects.filter(pk=first.pk).update(is_public=True, is_spam=True)
    post_comment(client, post, comment="Me again.")
    confirm(client, "ama@example.org")
    assert BlogComment.objects.latest("pk").is_public is False
