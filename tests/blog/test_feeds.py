import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import wagtail_factories

from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@pytest.fixture(scope="module")
def posts(make_post, categories, site_locales):
    """Three English posts (one with a featured image) across two categories
    and two tags, and the Spanish translation of one of them."""
    made = {
        "winners": make_post(
            title="Webinars 2018: and the winners are",
            date=datetime.date(2018, 2, 15),
            excerpt="Members chose four webinar topics.",
            categories=[categories.news],
            tags=["events"],
        ),
        "blank": make_post(
            title="2018: a blank book",
            date=datetime.date(2018, 1, 2),
            excerpt="A new year opens like a book with empty pages.",
            categories=[categories.news],
            tags=["plans"],
            featured_image=wagtail_factories.ImageFactory(title="Blank pages"),
            featured_image_alt="An open notebook on a wooden desk",
        ),
        "speed": make_post(
            title="A speed mentoring evening",
            date=datetime.date(2017, 11, 20),
            excerpt="Twenty mentors and a bell every eight minutes.",
            categories=[categories.mentoring],
            tags=["events"],
        ),
    }
    made["blank_es"] = translate_page(
        made["blank"],
        site_locales["es"],
        title="2018: un libro en blanco",
        slug="2018-un-libro-en-blanco",
        excerpt="Un año nuevo se abre como un libro de páginas vacías.",
        featured_image_alt="Un cuaderno abierto",
    )
    return made


FEEDS = [
    ("/en/blog/feed/", ["winners", "blank", "speed"]),
    ("/en/blog/category/news/feed/", ["winners", "blank"]),
    ("/en/blog/tag/events/feed/", ["winners", "speed"]),
    ("/es/blog/feed/", ["blank_es"]),
    ("/es/blog/category/noticias/feed/", ["blank_es"]),
    ("/es/blog/tag/events/feed/", []),
]


def rss_items(response):
    """[(title, link, description)] of an RSS 2.0 response, in order."""
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return [
        (item.findtext("title"), item.findtext("link"), item.findtext("description"))
        for item in root.find("channel").findall("item")
    ]


def atom_entries(response):
    """[(title, link, summary)] of an Atom response, in order."""
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        (
            entry.findtext(f"{ATOM}title"),
            entry.find(f"{ATOM}link").get("href"),
            entry.findtext(f"{ATOM}summary"),
        )
        for entry in root.findall(f"{ATOM}entry")
    ]


def expected(posts, keys):
    return [(posts[key].title, posts[key].full_url) for key in keys]


@pytest.mark.parametrize(("url", "keys"), FEEDS)
def test_rss_feed_lists_exactly_its_posts_newest_first(client, posts, url, keys):
    response = client.get(url)
    assert response["Content-Type"] == RSS_TYPE
    items = rss_items(response)
    assert [(title, link) for title, link, _ in items] == expected(posts, keys)


@pytest.mark.parametrize(("url", "keys"), FEEDS)
def test_atom_feed_lists_exactly_its_posts_newest_first(client, posts, url, keys):
    response = client.get(f"{url}atom/")
    assert response["Content-Type"] == ATOM_TYPE
    entries = atom_entries(response)
    assert [(title, link) for title, link, _ in entries] == expected(posts, keys)


def test_rss_item_carries_the_excerpt_and_the_featured_image_with_its_alt_text(
    client, posts
):
    descriptions = {
        title: description
        for title, _, description in rss_items(client.get("/en/blog/feed/"))
    }
    with_image = descriptions["2018: a blank book"]
    assert "<p>A new year opens like a book with empty pages.</p>" in with_image
    assert re.search(
        r'<img src="http://testserver/media/images/[^"]+" '
        r'alt="An open notebook on a wooden desk"',
        with_image,
    )
    without_image = descriptions["A speed mentoring evening"]
    assert "<p>Twenty mentors and a bell every eight minutes.</p>" in without_image
    assert "<img" not in without_image


def test_atom_entry_carries_the_excerpt_and_the_featured_image_with_its_alt_text(
    client, posts
):
    [(_, _, summary)] = atom_entries(client.get("/es/blog/feed/atom/"))
    assert "<p>Un año nuevo se abre como un libro de páginas vacías.</p>" in summary
    assert 'alt="Un cuaderno abierto"' in summary


def test_feed_says_its_language(client, posts):
    channel = ET.fromstring(client.get("/es/blog/feed/").content).find("channel")
    assert channel.findtext("language") == "es"
    atom = ET.fromstring(client.get("/en/blog/feed/atom/").content)
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def head_of(response):
    assert response.status_code == 200
    return response.text.split("</head>")[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_feeds_are_autodiscoverable_from_the_blog_index(client, posts, language):
    head = head_of(client.get(f"/{language}/blog/"))
    assert re.search(
        rf'<link rel="alternate" type="application/rss\+xml" title="[^"]+" '
        rf'href="/{language}/blog/feed/">',
        head,
    )
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        rf'href="/{language}/blog/feed/atom/">',
        head,
    )


@pytest.mark.parametrize("key", ["blank", "blank_es"])
def test_feeds_are_autodiscoverable_from_a_post(client, posts, key):
    post = posts[key]
    language = post.locale.language_code
    head = head_of(client.get(post.url))
    assert re.search(
        rf'<link rel="alternate" type="application/rss\+xml" title="[^"]+" '
        rf'href="/{language}/blog/feed/">',
        head,
    )
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        rf'href="/{language}/blog/feed/atom/">',
        head,
    )
