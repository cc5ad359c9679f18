"""Moderation rules: links, the hold and block lists, first-time
addresses, and moderators told of what waits for them."""

import pytest
from wagtail.models import Site

from blog.models import BlogComment, CommentModerationSettings
from website.factories import UserFactory
from website.models import OutboxMessage

from . import comment_helpers
from .comment_helpers import confirm, post_comment, publish

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits


@pytest.fixture
def lists():
    def set_lists(hold="", block=""):
        CommentModerationSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={"hold_list": hold, "block_list": block},
        )

    return set_lists


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_a_comment_with_two_links_waits_for_a_moderator(client, post, member):
    response = post_comment(
        client, post, comment="See https://a.example.org and www.b.example.org"
    )
    comment = BlogComment.objects.get()
    assert comment.is_public is False
    assert comment.hold_reason == BlogComment.HoldReason.LINKS
    assert response["Location"] == comment_helpers.sent_url(post, "held")


def test_a_comment_with_one_link_is_published(client, post, member):
    post_comment(client, post, comment="See https://a.example.org/round-3")
    assert BlogComment.objects.get().is_public is True


def test_a_hold_list_match_waits_for_a_moderator(client, post, member, lists):
    lists(hold="cheap pills\nCasino")
    post_comment(client, post, comment="Best CASINO in town")
    assert BlogComment.objects.get().is_public is False
    assert BlogComment.objects.get().hold_reason == BlogComment.HoldReason.HOLD_LIST


def test_a_block_list_match_is_discarded(client, post, member, lists):
    lists(block="casino")
    response = post_comment(client, post, comment="Best casino in town")
    assert response.status_code == 403
    assert "Your comment was not published" in response.text
    assert not BlogComment.objects.exists()


def test_an_anonymous_block_list_match_gets_no_confirmation_email(client, post, lists):
    lists(block="spam.example")
    response = post_comment(client, post, url="https://spam.example/")
    assert response.status_code == 403
    assert not OutboxMessage.objects.exists()


def test_block_list_is_checked_again_when_the_comment_is_confirmed(client, post, lists):
    publish(comment_helpers.comment_anonymously(client, post, comment="Hi"))
    post_comment(client, post, comment="Buy crypto now")
    lists(block="crypto")
    response = confirm(client, "ama@example.org")
    assert response.status_code == 403
    assert BlogComment.objects.count() == 1


def test_first_time_rule_does_not_apply_to_members(client, post, member):
    post_comment(client, post)
    assert BlogComment.objects.get().is_public is True
    assert BlogComment.objects.get().hold_reason == ""


def test_a_first_comment_records_why_it_was_held(client, post):
    comment = comment_helpers.comment_anonymously(client, post)
    assert comment.is_public is False
    assert comment.hold_reason == BlogComment.HoldReason.FIRST_COMMENT


def test_moderators_are_emailed_about_held_comments(client, post, member):
    moderator = UserFactory(is_superuser=True, is_staff=True)
    post_comment(client, post, comment="https://a.example.org https://b.example.org")
    message = OutboxMessage.objects.get(to=moderator.email)
    assert "awaits moderation" in message.subject


def test_approving_a_held_comment_shows_it(client, post):
    comment = comment_helpers.comment_anonymously(client, post, comment="Held one")
    assert "Held one" not in client.get(post.url).text
    publish(comment)
    assert "Held one" in client.get(post.url).text
