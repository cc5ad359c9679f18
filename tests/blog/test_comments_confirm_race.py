"""One confirmation link followed many times at once stores one comment
(PostgreSQL: SQLite serialises writes and would hide the race)."""

import re

import pytest
from django.core import mail
from django.test import Client

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogComment
from tests.concurrency import at_once

from . import comment_helpers

fresh_rate_limits = comment_helpers.fresh_rate_limits

CONFIRM_PATH = re.compile(r"https?://[^/\s]+(/comments/confirm/[^\s/]+/)")
FOLLOWS = 20


@pytest.fixture
def post(translations):
    index = BlogIndexPageFactory(parent=translations["en"])
    return BlogPageFactory(parent=index, title="Discussion topic: Getting to know you")


def delivered_confirmation_path(email):
    [message] = [message for message in mail.outbox if email in message.to]
    return CONFIRM_PATH.search(message.body).group(1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_link_confirmed_twenty_times_at_once_stores_one_comment(post):
    reader = Client()
    response = comment_helpers.post_comment(reader, post, email="ama@example.org")
    assert response.status_code == 302
    path = delivered_confirmation_path("ama@example.org")

    def follow():
        response = Client().get(path)
        return response.status_code

    statuses = at_once(*[follow for _ in range(FOLLOWS)])

    assert BlogComment.objects.count() == 1
    assert not BlogComment.objects.filter(is_public=True).exists()  # a first comment
    # Every follower gets an answer: the one that stored it is sent to the
    # "awaiting moderation" page, the others are told it was confirmed.
    assert statuses.count(302) == 1
    assert statuses.count(200) == FOLLOWS - 1
