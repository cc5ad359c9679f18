import datetime

import pytest

from blog.factories import CategoryFactory
from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def events():
    """A category nobody has translated into Spanish yet."""
    return CategoryFactory(name="Events", slug="events")


@pytest.fixture(scope="module")
def posts(make_post, authors, categories, events, site_locales):
    """Four English posts across two years, three categories, two authors
    and a few tags; the speed-mentoring post also in Spanish, still filed
    under the English category and author objects."""
    made = {
        "speed": make_post(
            title="A speed mentoring evening",
            date=datetime.date(2017, 11, 20),
            authors=[authors.guest],
            categories=[categories.mentoring, events],
            tags=["speed mentoring", "events"],
        ),
        "blank": make_post(
            title="2018: a blank book",
            date=datetime.date(2018, 1, 2),
            authors=[authors.editor],
            categories=[categories.news],
            tags=["plans"],
        ),
        "webinars": make_post(
            title="Webinars 2018: and the winners are",
            date=datetime.date(2018, 2, 15),
            authors=[authors.editor],
            categories=[categories.news],
            tags=["webinars", "events"],
        ),
        "topic": make_post(
            title="Discussion topic: Getting to know you",
            date=datetime.date(2018, 2, 26),
            authors=[authors.editor, authors.guest],
            categories=[categories.mentoring],
        ),
    }
    made["speed_es"] = translate_page(
        made["speed"],
        site_locales["es"],
        title="Una velada de mentoría rápida",
        slug="velada-de-mentoria-rapida",
    )
    return made


def titles(response):
    assert response.status_code == 200
    return [post.title for post in response.context["posts"]]


def test_tag_archive_lists_the_posts_with_that_tag(client, posts):
    assert titles(client.get("/en/blog/tag/events/")) == [
        "Webinars 2018: and the winners are",
        "A speed mentoring evening",
    ]


def test_category_archive_lists_the_posts_in_that_category(client, posts):
    assert titles(client.get("/en/blog/category/mentoring/")) == [
        "Discussion topic: Getting to know you",
        "A speed mentoring evening",
    ]


def test_spanish_category_archive_uses_the_spanish_slug(client, posts, categories):
    # The translated post keeps pointing at the English category objects.
    assert categories.mentoring in posts["speed_es"].categories.all()
    response = client.get("/es/blog/category/mentoria/")
    assert titles(response) == ["Una velada de mentoría rápida"]
    assert "Mentoría" in str(response.context["archive"])


def test_spanish_post_links_to_the_spanish_category_archive(client, posts):
    response = client.get("/es/blog/")
    assert 'href="/es/blog/category/mentoria/"' in response.text
    assert 'href="/es/blog/category/mentoring/"' not in response.text


def test_untranslated_category_links_to_its_archive_in_spanish(client, posts):
    listing = client.get("/es/blog/").text
    assert 'href="/es/blog/category/events/">Events</a>' in listing
    response = client.get("/es/blog/category/events/")
    assert titles(response) == ["Una velada de mentoría rápida"]


def test_author_archive_lists_the_authors_posts(client, posts):
    assert titles(client.get("/en/blog/author/wing-yan-lau/")) == [
        "Discussion topic: Getting to know you",
        "A speed mentoring evening",
    ]


def test_spanish_author_archive_lists_the_authors_spanish_posts(client, posts):
    assert titles(client.get("/es/blog/author/wing-yan-lau/")) == [
        "Una velada de mentoría rápida"
    ]


def test_year_archive_lists_the_posts_dated_that_year(client, posts):
    assert titles(client.get("/en/blog/2017/")) == ["A speed mentoring evening"]
    assert len(titles(client.get("/en/blog/2018/"))) == 3


def test_month_archive_lists_the_posts_dated_that_month(client, posts):
    assert titles(client.get("/en/blog/2018/02/")) == [
        "Discussion topic: Getting to know you",
        "Webinars 2018: and the winners are",
    ]
    assert titles(client.get("/en/blog/2018/3/")) == []


@pytest.mark.parametrize("path", ["2018/13/", "2018/0/", "2018/00/", "0/", "2018/1x/"])
def test_invalid_year_or_month_is_not_found(client, posts, path):
    assert client.get(f"/en/blog/{path}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "tag/no-such-tag/",
        "category/no-such-category/",
        "author/no-such-author/",
        "tag/no-such-tag/feed/",
        "category/no-such-category/feed/atom/",
    ],
)
def test_unknown_tag_category_or_author_is_not_found(client, posts, path):
    assert client.get(f"/en/blog/{path}").status_code == 404
