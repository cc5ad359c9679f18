"""What a reader finds on the blog: a visible link to its feeds (the blog,
or the category or tag being shown), and search results with an excerpt
of each page."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def post(make_post):
    return make_post(
        title="2018: a blank book",
        excerpt="A new year opens like a book with empty pages.",
        tags=["plans"],
    )


def main_of(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_blog_shows_a_link_to_its_feeds(client, post):
    main = main_of(client.get("/en/blog/").text)

    assert re.search(r'<a href="/en/blog/feed/"[^>]*>RSS</a>', main)
    assert re.search(r'<a href="/en/blog/feed/atom/"[^>]*>Atom</a>', main)


def test_a_tag_archive_shows_a_link_to_the_tags_feed(client, post):
    main = main_of(client.get("/en/blog/tag/plans/").text)

    assert re.search(r'<a href="/en/blog/tag/plans/feed/"[^>]*>RSS</a>', main)


def test_search_results_show_an_excerpt_of_each_page(client, post):
    html = client.get("/en/search/", {"q": "blank book"}).text

    results = html.split('<ol class="search-results">', 1)[1].split("</ol>", 1)[0]
    assert "2018: a blank book" in results
    assert "A new year opens like a book with empty pages." in results
