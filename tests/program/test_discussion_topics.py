"""Publishing a round's discussion topic emails it to the round's
participants, each in their language, once."""

import datetime

import pytest
from django.utils import timezone

from blog.factories import BlogIndexPageFactory, DiscussionTopicPageFactory
from program.factories import ApplicationFactory, RoundPageFactory
from program.models import Application, Match
from program.storage import create_match
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(program):
    """A running round: Ana (en) with Bea (es), Cy (fr) with Di (en, who
    withdrew), and Ed and Flo, whose match is only proposed."""
    round_page = RoundPageFactory(
        parent=program,
        applications_open_at=timezone.now() - datetime.timedelta(days=60),
        applications_close_at=timezone.now() - datetime.timedelta(days=30),
        starts_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    people = {
        name: ApplicationFactory(
            round=round_page,
            name=name,
            email=f"{name.lower()}@example.org",
            language=lang,
        )
        for name, lang in (
            ("Ana", "en"),
            ("Bea", "es"),
            ("Cy", "fr"),
            ("Di", "en"),
            ("Ed", "en"),
            ("Flo", "en"),
        )
    }
    for a, b in (("Ana", "Bea"), ("Cy", "Di"), ("Ed", "Flo")):
        create_match(round_page, [people[a].pk, people[b].pk])
    Match.objects.exclude(member_a=people["Ed"]).update(status=Match.Status.RELEASED)
    Application.objects.filter(pk=people["Di"].pk).update(
        status=Application.Status.WITHDRAWN
    )
    return round_page


@pytest.fixture
def topic(home, round_page, locales):
    """The topic in English (published, nothing sent yet: its publish is not
    committed) and its live Spanish translation."""
    blog = BlogIndexPageFactory(parent=home)
    topic = DiscussionTopicPageFactory(
        parent=blog,
        title="Getting to know you",
        round=round_page,
        prompts=[
            ("prompt", {"question": "Where do you work?", "guidance": "<p>Say.</p>"})
        ],
    )
    blog.copy_for_translation(locales["es"]).save_revision().publish()
    spanish = topic.copy_for_translation(locales["es"])
    spanish.title = "Conociéndonos"
    spanish.save_revision().publish()
    return topic


def emails():
    return {
        m.to: (m.subject, m.language)
        for m in OutboxMessage.objects.filter(key__startswith="program-topic:")
    }


def test_publishing_a_topic_emails_each_participant_in_their_language(
    topic, django_capture_on_commit_callbacks
):
    assert emails() == {}
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
    sent = emails()
    assert set(sent) == {"ana@example.org", "bea@example.org", "cy@example.org"}
    assert "Getting to know you" in sent["ana@example.org"][0]
    assert "Conociéndonos" in sent["bea@example.org"][0]
    assert sent["bea@example.org"][1] == "es"
    # No French translation: Cy gets the English topic, framed in French.
    assert "Getting to know you" in sent["cy@example.org"][0]
    assert sent["cy@example.org"][1] == "fr"
    body = OutboxMessage.objects.get(to="ana@example.org").body_text
    assert "1. Where do you work?" in body and topic.get_full_url() in body


def test_republishing_or_publishing_a_translation_sends_nothing_more(
    topic, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
    before = OutboxMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
        topic.get_translation(locales["es"]).save_revision().publish()
    assert OutboxMessage.objects.count() == before


def test_a_topic_of_a_finished_round_emails_nobody(
    topic, round_page, django_capture_on_commit_callbacks
):
    type(round_page).objects.filter(pk=round_page.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        topic.save_revision().publish()
    assert emails() == {}
