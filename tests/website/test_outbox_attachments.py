"""Small text attachments (an event's `.ics`) travel with a message through
the outbox: stored with the row, one-time tokens in them hidden like those
of the body, and attached again on delivery."""

import pytest
from django.core import mail

from website import outbox
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

TOKEN = "s3cr3t-token_value"


def test_an_attachment_is_stored_hidden_and_delivered_whole(
    django_capture_on_commit_callbacks,
):
    content = (
        f"BEGIN:VCALENDAR\nURL:https://example.org/cancel/{TOKEN}/\nEND:VCALENDAR\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send(
            "tests/email/greeting",
            to="ana@example.org",
            context={"name": "Ana"},
            key="attachment-test",
            secrets=[TOKEN],
            attachments=[("event.ics", content, "text/calendar")],
        )
    [stored] = OutboxMessage.objects.get(key="attachment-test").attachments
    assert stored["filename"] == "event.ics"
    assert stored["mimetype"] == "text/calendar"
    assert TOKEN not in stored["content"]
    [sent] = mail.outbox
    [(name, delivered, mimetype)] = sent.attachments
    assert (name, mimetype) == ("event.ics", "text/calendar")
    assert delivered == content


def test_a_message_without_attachments_has_none(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send("tests/email/greeting", to="b@example.org", context={}, key="plain")
    assert OutboxMessage.objects.get(key="plain").attachments == []
    assert mail.outbox[0].attachments == []
