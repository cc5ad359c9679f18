import re

import pytest
from django.core.management import call_command

from blog.models import BlogComment, BlogPage, DiscussionTopicPage, PostLike

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


def topic_in(language):
    return DiscussionTopicPage.objects.get(locale__language_code=language)


def test_demo_topic_has_an_english_thread_three_levels_deep(client, demo):
    topic = topic_in("en")
    comments = BlogComment.objects.for_page(topic)
    assert set(comments.values_list("language", flat=True)) == {"en"}
    assert comments.filter(level=2).exists()
    html = client.get(topic.url).text
    assert "Kumasi Polytechnic Library" in html
    assert "Kofi Asante" in html  # a member is shown by their profile name
    assert "kofi@example.org" not in html and "grace.mwangi" not in html


def test_demo_topic_has_a_spanish_thread_on_the_spanish_page(client, demo):
    topic = topic_in("es")
    comments = BlogComment.objects.for_page(topic)
    assert comments.count() >= 3
    assert set(comments.values_list("language", flat=True)) == {"es"}
    assert comments.filter(level=2).exists()
    html = client.get(topic.url).text
    assert "Biblioteca Pública de Alcaraz" in html
    assert "Kumasi" not in html


def test_demo_topic_shows_a_pingback_and_a_reblog_among_the_comments(client, demo):
    html = client.get(topic_in("en").url).text
    pingback = html.index("Pingback: Kumasi Librarians&#x27; Notes")
    reblog = html.index("Reblogged this on Diario de una documentalista and commented:")
    assert "[…] Our partners come from four countries this time." in html
    assert "in our own mentoring circle in Madrid." in html
    # In date order: after Mei's reply of the 5th, before Grace's question
    # of the 6th evening; the reblog of the 7th after the organiser's answer.
    assert html.index("Two copies for a whole year group!") < pingback
    assert pingback < html.index("I signed up for round 3 in February")
    assert html.index("Sorry about that, Grace.") < reblog


def test_demo_thread_holds_one_comment_for_moderation(client, demo):
    topic = topic_in("en")
    [held] = BlogComment.objects.for_page(topic).pending()
    assert "smalllibraries.example.org" in held.comment
    assert "smalllibraries" not in client.get(topic.url).text


def test_demo_organiser_answers_the_missing_match_email(demo):
    topic = topic_in("en")
    question = BlogComment.objects.for_page(topic).get(
        comment__contains="never received my match email"
    )
    answer = BlogComment.objects.get(parent_id=question.pk, level=1)
    assert answer.user_name == "María Ortega"
    assert "second batch" in answer.comment or "second one" in answer.comment


def test_demo_topic_has_a_like_count(client, demo):
    topic = topic_in("en")
    assert PostLike.objects.filter(page_id=topic.pk).count() == 4
    assert "4 people like this" in client.get(topic.url).text


def test_demo_thread_is_made_once(demo):
    before = BlogComment.objects.count(), PostLike.objects.count()
    call_command("seed_demo", verbosity=0)
    assert (BlogComment.objects.count(), PostLike.objects.count()) == before
    assert all(
        comment.submit_date.year == 2018 and comment.submit_date.month == 3
        for comment in BlogComment.objects.all()
    )


def test_demo_spanish_posts_show_spanish_tags(client, demo):
    html = client.get(post("2018: un libro en blanco").url).text
    footer = html.split('class="post__footer"', 1)[1]
    assert ">año nuevo</a>" in footer and ">planes</a>" in footer
    assert ">new year</a>" not in footer
