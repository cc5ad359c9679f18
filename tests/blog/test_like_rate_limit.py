"""Likes are limited per member: a script cannot flood the like button."""

import pytest

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import PostLike
from website.factories import UserFactory

from . import comment_helpers

fresh_rate_limits = comment_helpers.fresh_rate_limits


@pytest.mark.django_db
def test_likes_are_rate_limited_per_member(client, translations):
    index = BlogIndexPageFactory(parent=translations["en"])
    post = BlogPageFactory(parent=index, title="Webinars 2018")
    member = UserFactory()
    client.force_login(member)
    url = f"/comments/like/{post.pk}/"
    for n in range(30):
        action = "like" if n % 2 == 0 else "unlike"
        assert client.post(url, {"action": action}).status_code == 302
    refused = client.post(url, {"action": "like"})
    assert refused.status_code == 429
    assert "Too many requests" in refused.text
    assert not PostLike.objects.exists()  # the refused like was not stored

    other = UserFactory()
    client.force_login(other)
    assert client.post(url, {"action": "like"}).status_code == 302
    assert PostLike.objects.filter(user=other).exists()
