"""Discussion topics by email: publishing a round's discussion topic sends
it to the round's participants, each in their language.

The topic page lives in the blog and points at its round (`round`,
related name `discussion_topics`); this module finds that model through the
reverse relation instead of importing the blog, and listens to Wagtail's
`page_published` for it.

Who: the members of the round's released matches whose application is still
submitted. Which version: the live translation of the topic in the member's
email language, else the topic's source page. When: only publishing the
source page sends (the first-created page of the topic's translations, as
for rounds), and only while the round is not finished; the fan-out runs as a
background task after the publish commits, in batches of one transaction
each. Exactly once: each email's outbox key is the topic's translation key
and the application, so republishing, or a task run twice, sends nothing
new.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django_tasks import task
from wagtail.signals import page_published

from website import outbox
from website.models import OutboxMessage

from .links import round_in
from .models import Application, Match, RoundPage
from .models.pages import RoundStage

TEMPLATE = "program/email/discussion_topic"
BATCH_SIZE = 200


def topic_model():
    """The page model of discussion topics, or None without the blog."""
    try:
        return RoundPage._meta.get_field("discussion_topics").related_model
    except FieldDoesNotExist:
        return None


def connect():
    model = topic_model()
    if model is not None:
        page_published.connect(
            topic_published, sender=model, dispatch_uid="program-discussion-topic"
        )


def topic_published(sender, instance, **kwargs):
    topic = instance
    if topic.round_id is None:
        return
    source = sender.objects.filter(translation_key=topic.translation_key).order_by("pk")
    if source.values_list("pk", flat=True).first() != topic.pk:
        return  # a translation: its readers were sent the topic with the source
    transaction.on_commit(lambda: send_discussion_topic.enqueue(topic.pk))


@task()
def send_discussion_topic(topic_id):
    """Email the topic to its round's participants (see the module)."""
    model = topic_model()
    topic = model.objects.filter(pk=topic_id).select_related("round").first()
    if topic is not None:
        send_topic(topic)


def participants(anchor):
    return (
        Application.objects.active()
        .reachable()
        .filter(round=anchor, seat__match__status=Match.Status.RELEASED)
        .order_by("pk")
    )


def send_topic(topic):
    """Queue the topic for every participant not sent it yet; returns how
    many emails this call queued."""
    if topic.round is None or not topic.live:
        return 0
    anchor = topic.round.specific.anchor
    if anchor.stage == RoundStage.FINISHED:
        return 0
    versions = {
        page.locale.language_code: page
        for page in type(topic)
        .objects.live()
        .filter(translation_key=topic.translation_key)
        .select_related("locale")
    }
    rounds = {}
    ids = list(participants(anchor).values_list("pk", flat=True))
    queued = 0
    for start in range(0, len(ids), BATCH_SIZE):
        with transaction.atomic():
            batch = list(
                Application.objects.filter(
                    pk__in=ids[start : start + BATCH_SIZE]
                ).order_by("pk")
            )
            keys = {
                a.pk: f"program-topic:{topic.translation_key}:{a.pk}" for a in batch
            }
            sent = set(
                OutboxMessage.objects.filter(key__in=keys.values()).values_list(
                    "key", flat=True
                )
            )
            for application in batch:
                if keys[application.pk] in sent:
                    continue
                language = application.language
                page = versions.get(language, topic)
                if language not in rounds:
                    rounds[language] = round_in(anchor, language)
                outbox.send(
                    TEMPLATE,
                    to=application.email,
                    context={
                        "me": application,
                        "topic": page,
                        "topic_url": page.get_full_url(),
                        "round_title": rounds[language].title,
                    },
                    key=keys[application.pk],
                    language=language,
                )
                queued += 1
    return queued
