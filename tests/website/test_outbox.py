from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tests.concurrency import at_once
from website import outbox
from website.models import OutboxMessage

from .mail_backends import FlakyBackend, delivered_to

TEMPLATE = "tests/email/greeting"


@pytest.fixture
def flaky_mail(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.website.mail_backends.FlakyBackend"
    FlakyBackend.failures_left = 0
    return FlakyBackend


def send_test_message(key="test:1", to="reader@example.org", language="en"):
    return outbox.send(TEMPLATE, to, {"name": "Ama"}, key=key, language=language)


@pytest.mark.django_db(transaction=True)
def test_message_is_rendered_stored_and_delivered_after_commit():
    with transaction.atomic():
        message = send_test_message()
        assert mail.outbox == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.subject == "Hello Ama (en)"
    [email] = delivered_to("reader@example.org")
    assert email.subject == "Hello Ama (en)"
    assert "Welcome to the network, Ama." in email.body
    assert email.alternatives[0].mimetype == "text/html"
    assert email.extra_headers["Message-ID"] == outbox.message_id_for("test:1")


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_takes_its_email_with_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        send_test_message()
        raise RuntimeError("the change that caused the email failed")
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_same_key_is_sent_once():
    first = send_test_message()
    second = send_test_message()
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_message_is_rendered_in_the_recipients_language():
    send_test_message(language="es")
    [email] = mail.outbox
    assert email.subject == "Hello Ama (es)"


@pytest.mark.django_db(transaction=True)
def test_failed_delivery_is_retried_with_backoff_and_delivered_once(flaky_mail):
    flaky_mail.failures_left = 2
    message = send_test_message()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "SMTP server refused" in message.last_error
    first_delay = message.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_delay <= timedelta(seconds=60)

    # Before its time has come, the periodic job leaves it alone.
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.attempts == 1

    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.attempts == 2
    second_delay = message.next_attempt_at - timezone.now()
    assert timedelta(seconds=110) < second_delay <= timedelta(seconds=120)

    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("process_outbox")
    call_command("process_outbox")  # running it again sends nothing more
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.last_error == ""
    assert len(delivered_to("reader@example.org")) == 1


@pytest.mark.django_db(transaction=True)
def test_message_fails_for_good_after_the_last_attempt(flaky_mail, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    flaky_mail.failures_left = 10
    message = send_test_message()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 2
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.attempts == 2
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_message_stuck_in_sending_is_requeued_and_sent(settings):
    with transaction.atomic():
        message = send_test_message()
        # A worker claimed it and died before reporting back.
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=timezone.now() - timedelta(hours=1),
        )
    assert mail.outbox == []
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_recently_claimed_message_is_not_taken_from_its_worker():
    with transaction.atomic():
        message = send_test_message()
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.SENDING, claimed_at=timezone.now()
        )
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENDING
    assert mail.outbox == []


def queue_for_later():
    """A message whose first attempt is not due yet (as in a batch scheduled
    for tomorrow), so that the test decides when delivery runs."""
    with transaction.atomic():
        message = send_test_message()
        OutboxMessage.objects.filter(pk=message.pk).update(
            next_attempt_at=timezone.now() + timedelta(days=1)
        )
    assert mail.outbox == []
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    return message


@pytest.mark.django_db(transaction=True)
def test_delivering_a_row_twice_sends_it_once():
    message = queue_for_later()
    assert outbox.deliver(message.pk) is True
    assert outbox.deliver(message.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_a_row_once():
    """Eight workers race for the same row: the conditional UPDATE lets
    exactly one of them claim it."""
    message = queue_for_later()

    def worker():
        return outbox.deliver(message.pk)

    results = at_once(*[worker] * 8)
    assert sorted(results) == [False] * 7 + [True]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_admin_lists_messages_with_their_state(admin_client):
    OutboxMessage.objects.create(
        key="k1",
        to="ama@example.org",
        subject="Your match",
        body_text="Hi",
        status=OutboxMessage.Status.FAILED,
        last_error="SMTP refused",
    )
    response = admin_client.get("/admin/outbox/")
    assert response.status_code == 200
    assert "Your match" in response.text
    assert "ama@example.org" in response.text
    failed_only = admin_client.get("/admin/outbox/?status=sent")
    assert "Your match" not in failed_only.text


@pytest.mark.django_db(transaction=True)
def test_mail_sent_by_libraries_is_queued_once_per_recipient():
    from django.core.mail import send_mail

    with transaction.atomic():
        send_mail(
            "Moderation needed",
            "A comment is waiting.",
            None,
            ["mod1@example.org", "mod2@example.org"],
            html_message="<p>A comment is waiting.</p>",
        )
        assert mail.outbox == []
        assert OutboxMessage.objects.count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "mod1@example.org",
        "mod2@example.org",
    ]
    assert all(m.status == "sent" for m in OutboxMessage.objects.all())
    assert mail.outbox[0].alternatives[0].content == "<p>A comment is waiting.</p>"
