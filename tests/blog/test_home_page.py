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


def lead_section(html):
    section = html.split('<section class="home-lead"')
    assert len(section) == 2, "no newest post leading the page"
    return section[1].split("</section>")[0]


def latest_section(html):
    """The newest post, which leads the page, and the latest posts' section
    below what is open now (empty when there is only one post)."""
    section = html.split('<section class="home-section" aria-labelledby="latest-posts')
    assert len(section) <= 2
    return lead_section(html) + (
        section[1].split("</section>")[0] if section[1:] else ""
    )


def test_home_page_leads_with_the_newest_post_then_the_next_three(client, posts):
    html = client.get("/en/").text
    assert ">English post 4</a>" in lead_section(html)
    section = latest_section(html)
    titles = ["English post 4", "English post 3", "English post 2", "English post 1"]
    positions = [section.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)


def test_home_page_shows_posts_of_its_language_only(client, posts):
    english = latest_section(client.get("/en/").text)
    spanish = latest_section(client.get("/es/").text)
    assert "Entrada en español" not in english
    assert f'<a href="{posts["es"].url}">Entrada en español</a>' in spanish
    assert "English post" not in spanish


def test_home_page_links_to_the_blog_of_its_language(client, posts, blog):
    assert f'<a href="{blog["es"].url}">' in latest_section(client.get("/es/").text)
