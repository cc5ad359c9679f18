import re

import pytest
from django.core.management import call_command

from blog.models import BlogPage, DiscussionTopicPage

pytestmark = pytest.mark.django_db

DEMO_POSTS = {
    "Guest post: a speed mentoring evening launches our program",
    "Webinars 2018: and the winners are…",
    "2018: a blank book",
    "Discussion topic: Getting to know you",
}


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("seed_demo", verbosity=0)


def post(title):
    return BlogPage.objects.get(title=title)


def other_languages(html):
    found = re.search(r'<p class="other-languages">.*?</p>', html, re.DOTALL)
    assert found, "no links to other languages"
    return found.group(0)


def test_demo_has_the_four_posts_of_the_spec(demo):
    english = BlogPage.objects.live().filter(locale__language_code="en")
    assert set(english.values_list("title", flat=True)) == DEMO_POSTS


def test_demo_bilingual_pair_link_to_each_other(client, demo):
    english = post("2018: a blank book")
    spanish = post("2018: un libro en blanco")
    assert english.translation_key == spanish.translation_key
    assert f'href="{spanish.url}" hreflang="es"' in other_languages(
        client.get(english.url).text
    )
    assert f'href="{english.url}" hreflang="en"' in other_languages(
        client.get(spanish.url).text
    )


def test_demo_guest_post_shows_the_guest_byline(client, demo):
    html = client.get(
        post("Guest post: a speed mentoring evening launches our program").url
    ).text
    assert "Guest post by" in html
    assert ">Harbour City Library Network</a>" in html


def test_demo_discussion_topic_belongs_to_round_3(client, demo):
    topic = DiscussionTopicPage.objects.get(locale__language_code="en")
    assert topic.round.specific.number == 3
    assert topic.prompts
    round_page = client.get(topic.round.url)
    assert [t.pk for t in round_page.context["discussion_topics"]] == [topic.pk]
