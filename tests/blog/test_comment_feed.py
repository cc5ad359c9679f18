"""Each post has a feed of its comments (RSS and Atom), announced in <head>."""

import xml.etree.ElementTree as ET

import pytest

from blog.models import BlogComment

from . import comment_helpers
from .comment_helpers import comment_anonymously, publish

pytestmark = pytest.mark.django_db

post = comment_helpers.post
fresh_rate_limits = comment_helpers.fresh_rate_limits

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def thread(client, post, make_post):
    first = publish(comment_anonymously(client, post, comment="Lovely prompts."))
    second = publish(
        comment_anonymously(
            client, post, email="kofi@example.org", name="Kofi", comment="Agreed!"
        )
    )
    held = comment_anonymously(
        client, post, email="new@example.org", name="New", comment="Held one."
    )
    BlogComment.objects.filter(pk=held.pk).update(is_public=False)
    other_post = make_post(title="Another post")
    publish(comment_anonymously(client, other_post, comment="Elsewhere."))
    return [first, second]


def test_rss_feed_lists_the_posts_visible_comments_newest_first(client, post, thread):
    response = client.get(f"{post.url}comments/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.find("description").text for item in items] == [
        "<p>Agreed!</p>",
        "<p>Lovely prompts.</p>",
    ]
    assert items[0].find("link").text.endswith(f"#c{thread[1].pk}")
    assert "@example.org" not in response.text  # addresses are never shown


def test_atom_feed_has_the_same_entries(client, post, thread):
    response = client.get(f"{post.url}comments/feed/atom/")
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}author/{ATOM}name").text for entry in entries] == [
        "Kofi",
        "Ama Owusu",
    ]


def test_comment_feeds_are_announced_on_the_post(client, post):
    html = client.get(post.url).text
    assert f'href="{post.url}comments/feed/"' in html
    assert f'href="{post.url}comments/feed/atom/"' in html
