import datetime

import pytest

from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2018, 1, 1)


@pytest.fixture(scope="module")
def posts(make_post, authors, site_locales):
    """Twelve English posts, created in an order that is neither their date
    order nor its reverse, the first (the newest) by two authors; two of
    them have Spanish translations."""
    made = []
    for n in range(12):
        date = FIRST_DAY + datetime.timedelta(days=11 - (7 * n) % 12)
        extra = {}
        if n == 0:
            extra = {
                "authors": [authors.editor, authors.guest],
                "excerpt": "Twenty mentors, sixty librarians and a bell.",
            }
        made.append(
            make_post(title=f"Post of {date:%B} {date.day}", date=date, **extra)
        )
    spanish = [
        translate_page(made[n], site_locales["es"], title=f"Entrada {n}", slug=f"e-{n}")
        for n in (1, 2)
    ]
    return {"en": made, "es": spanish}


def newest_first(posts):
    return sorted(posts, key=lambda post: post.date, reverse=True)


def listed(response):
    return [post.pk for post in response.context["posts"]]


def card_of(html, title):
    """The listing card (an <article>) whose heading is `title`."""
    for card in html.split('<article class="post-card">')[1:]:
        if f">{title}</a></h2>" in card:
            return card.split("</article>")[0]
    raise AssertionError(f"no card for {title!r}")


def test_posts_are_listed_newest_first_by_their_date(client, posts):
    expected = [post.pk for post in newest_first(posts["en"])]
    first = client.get("/en/blog/")
    second = client.get("/en/blog/", {"page": 2})
    assert listed(first) + listed(second) == expected


def test_index_shows_ten_posts_a_page(client, posts):
    first = client.get("/en/blog/")
    assert len(first.context["posts"]) == 10
    assert first.context["page_obj"].paginator.num_pages == 2
    assert 'rel="next" href="?page=2"' in first.text
    assert len(client.get("/en/blog/", {"page": 2}).context["posts"]) == 2


@pytest.mark.parametrize(
    ("bad_page", "shown_page"),
    [("x", 1), ("", 1), ("1.5", 1), ("0", 2), ("-1", 2), ("999", 2)],
)
def test_bad_page_number_falls_back_to_the_first_or_last_page(
    client, posts, bad_page, shown_page
):
    response = client.get("/en/blog/", {"page": bad_page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown_page
    expected = newest_first(posts["en"])[(shown_page - 1) * 10 :][:10]
    assert listed(response) == [post.pk for post in expected]


def test_each_card_shows_title_date_authors_excerpt_and_continue_reading(client, posts):
    post = posts["en"][0]
    card = card_of(client.get("/en/blog/").text, post.title)
    assert f'<a href="{post.url}">{post.title}</a>' in card
    assert '<time datetime="2018-01-12">' in card
    assert ">María Ortega</a>" in card
    assert ">Wing Yan Lau</a>" in card
    assert "<p>Twenty mentors, sixty librarians and a bell.</p>" in card
    assert f'<a href="{post.url}">Continue reading' in card


def test_english_listing_shows_english_posts_only(client, posts):
    response = client.get("/en/blog/")
    assert {post.locale.language_code for post in response.context["posts"]} == {"en"}
    assert "Entrada" not in response.text


def test_spanish_listing_shows_the_spanish_posts_only(client, posts):
    response = client.get("/es/blog/")
    assert listed(response) == [post.pk for post in newest_first(posts["es"])]
    assert "Post of" not in response.text
