import datetime

import pytest

from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def posts(make_post, site_locales):
    """Four English posts, one a month from January 2018, and the Spanish
    translation of the oldest."""
    made = [
        make_post(title=f"English post {month}", date=datetime.date(2018, month, 1))
        for month in (1, 2, 3, 4)
    ]
    spanish = translate_page(
        made[0], site_locales["es"], title="Entrada en español", slug="entrada"
    )
    return {"en": made, "es": spanish}


def latest_section(html):
    section = html.split('<section class="home-section" aria-labelledby="latest-posts')
    assert len(section) == 2, "no latest posts section"
    return section[1].split("</section>")[0]


def test_home_page_shows_the_latest_posts_newest_first(client, posts):
    section = latest_section(client.get("/en/").text)
    titles = ["English post 4", "English post 3", "English post 2"]
    positions = [section.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert "English post 1" not in section


def test_home_page_shows_posts_of_its_language_only(client, posts):
    english = latest_section(client.get("/en/").text)
    spanish = latest_section(client.get("/es/").text)
    assert "Entrada en español" not in english
    assert f'<a href="{posts["es"].url}">Entrada en español</a>' in spanish
    assert "English post" not in spanish


def test_home_page_links_to_the_blog_of_its_language(client, posts, blog):
    assert f'<a href="{blog["es"].url}">' in latest_section(client.get("/es/").text)
