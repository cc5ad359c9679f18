"""An author's photo shows beside their name on a post and above their bio
on their archive: responsive (WebP and JPEG, two densities), lazy, with its
own size and alt text, and without a query per author."""

import datetime
import re

import pytest

from blog.factories import AuthorFactory
from blog.models import BlogPageAuthor

from .test_responsive_images import attribute, photo, queries_for

pytestmark = pytest.mark.django_db


def author_with_photo(name, slug):
    return AuthorFactory(
        name=name,
        slug=slug,
        bio=f"{name} runs a library.",
        photo=photo(f"portrait-{slug}", (600, 800)),
    )


def post_by(make_post, authors, slug):
    post = make_post(title=f"Post {slug}", slug=slug, date=datetime.date(2026, 2, 1))
    BlogPageAuthor.objects.filter(page=post).delete()
    for order, author in enumerate(authors):
        BlogPageAuthor.objects.create(page=post, author=author, sort_order=order)
    return post


def byline(html):
    return re.search(r'<p class="byline">.*?</p>', html, re.S).group(0)


def test_the_post_shows_each_authors_photo_beside_their_name(client, make_post):
    ama = author_with_photo("Ama Owusu", "ama-owusu")
    post = post_by(make_post, [ama], "photo-one")

    line = byline(client.get(post.url).text)
    img = re.search(r"<img[^>]*>", line).group(0)
    assert attribute(img, "alt") == "Photo of Ama Owusu"
    assert attribute(img, "loading") == "lazy"
    assert (attribute(img, "width"), attribute(img, "height")) == ("32", "32")
    assert [e.rsplit(" ", 1)[1] for e in attribute(img, "srcset").split(", ")] == [
        "32w",
        "64w",
    ]
    assert 'type="image/webp"' in line
    assert "Ama Owusu</a>" in line


def test_an_author_without_a_photo_shows_their_name_alone(client, make_post):
    post = make_post(title="No portrait", slug="no-portrait")
    assert "<picture" not in byline(client.get(post.url).text)


def test_photos_cost_no_query_per_author(client, make_post):
    one = post_by(make_post, [author_with_photo("Bo", "bo")], "photos-one")
    three = post_by(
        make_post,
        [author_with_photo(name, name.lower()) for name in ("Cy", "Di", "Ed")],
        "photos-three",
    )
    assert queries_for(client, three.url) == queries_for(client, one.url)


def test_the_author_archive_shows_the_photo_above_the_bio(client, make_post, blog):
    ama = author_with_photo("Ama Owusu", "ama-owusu")
    post_by(make_post, [ama], "archive-photo")
    url = blog["en"].url + blog["en"].reverse_subpage("author_archive", args=[ama.slug])
    header = re.search(
        r'<header class="listing-header">.*?</header>', client.get(url).text, re.S
    ).group(0)
    img = re.search(r"<img[^>]*>", header).group(0)
    assert attribute(img, "alt") == "Photo of Ama Owusu"
    assert (attribute(img, "width"), attribute(img, "height")) == ("96", "96")
    assert header.index("<picture") < header.index("Ama Owusu runs a library.")
