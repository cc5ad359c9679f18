import datetime

import pytest

from blog.models import DiscussionTopicPage
from program.factories import ProgramPageFactory, RoundPageFactory
from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db

PROMPTS = [
    (
        "prompt",
        {
            "question": "Where do you work, and what does a normal day look like?",
            "guidance": "<p>Describe your library and your <b>role</b>.</p>",
        },
    ),
    (
        "prompt",
        {
            "question": "What would you like to get out of this partnership?",
            "guidance": "<p>Agree on one or two goals.</p>",
        },
    ),
]


@pytest.fixture(scope="module")
def rounds(homes, site_locales):
    program = ProgramPageFactory(parent=homes["en"])
    third = RoundPageFactory(parent=program, number=3, slug="round-3")
    second = RoundPageFactory(parent=program, number=2, slug="round-2")
    translate_page(program, site_locales["es"], title="Mentoría entre pares")
    third_es = translate_page(third, site_locales["es"], title="Ronda 3")
    return {"third": third, "second": second, "third_es": third_es}


@pytest.fixture(scope="module")
def topics(make_post, rounds, site_locales):
    """Round 3's topics 2 and 1 (made in that order), an unpublished topic 3,
    a topic of round 2, and Spanish translations of topics 1 and 2."""

    def topic(title, number, round_page, **fields):
        return make_post(
            topic=True,
            title=title,
            round=round_page,
            topic_number=number,
            date=datetime.date(2018, 3, 5) + datetime.timedelta(weeks=2 * number),
            **fields,
        )

    made = {
        "goals": topic("Discussion topic: Goals", 2, rounds["third"]),
        "know": topic(
            "Discussion topic: Getting to know you", 1, rounds["third"], prompts=PROMPTS
        ),
        "draft": topic("Discussion topic: Wrapping up", 3, rounds["third"]),
        "other": topic("Discussion topic: First steps", 1, rounds["second"]),
    }
    made["draft"].unpublish()
    spanish = site_locales["es"]
    made["goals_es"] = translate_page(
        made["goals"], spanish, title="Tema: Objetivos", slug="tema-objetivos"
    )
    made["know_es"] = translate_page(
        made["know"], spanish, title="Tema: Conociéndonos", slug="tema-conociendonos"
    )
    return made


def listed_topics(response):
    assert response.status_code == 200
    return [topic.title for topic in response.context["discussion_topics"]]


def test_topic_shows_its_prompts_with_question_and_guidance(client, topics):
    html = client.get(topics["know"].url).text
    assert (
        '<h3 class="prompt__question">'
        "Where do you work, and what does a normal day look like?</h3>"
    ) in html
    assert (
        '<div class="prompt__guidance"><p>Describe your library and your '
        "<b>role</b>.</p></div>"
    ) in html
    assert "What would you like to get out of this partnership?" in html
    assert html.index("Where do you work") < html.index("What would you like")


def test_topic_links_to_its_round(client, topics, rounds):
    html = client.get(topics["know"].url).text
    assert f'<a href="{rounds["third"].url}">Round 3</a>' in html


def test_spanish_topic_links_to_the_spanish_round(client, topics, rounds):
    html = client.get(topics["know_es"].url).text
    assert f'<a href="{rounds["third_es"].url}">Ronda 3</a>' in html


def test_round_lists_its_live_topics_in_topic_number_order(client, topics, rounds):
    assert listed_topics(client.get(rounds["third"].url)) == [
        "Discussion topic: Getting to know you",
        "Discussion topic: Goals",
    ]


def test_round_does_not_list_unpublished_topics(client, topics, rounds):
    draft = DiscussionTopicPage.objects.get(pk=topics["draft"].pk)
    assert draft.round.pk == rounds["third"].pk
    assert not draft.live
    response = client.get(rounds["third"].url)
    assert "Discussion topic: Wrapping up" not in listed_topics(response)
    assert "Wrapping up" not in response.text


def test_round_does_not_list_the_topics_of_other_rounds(client, topics, rounds):
    assert listed_topics(client.get(rounds["second"].url)) == [
        "Discussion topic: First steps"
    ]


def test_spanish_round_lists_the_spanish_topics(client, topics, rounds):
    response = client.get(rounds["third_es"].url)
    assert listed_topics(response) == ["Tema: Conociéndonos", "Tema: Objetivos"]
    assert f'<a href="{topics["know_es"].url}">Tema: Conociéndonos</a>' in response.text
