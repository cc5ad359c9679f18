"""Fault tests of the outbox against a real SMTP server on loopback and a
real `db_worker` process: whatever the server answers and wherever the
worker dies, every message arrives once.

Except in one window, tested here too so that it stays known: a worker
killed after the SMTP server answered 250 but before the row was marked
sent. The row is re-sent once it has been stuck for
OUTBOX_STUCK_AFTER_SECONDS, with the same Message-ID, which receiving
servers and mail clients use to recognise the copy. The window is the
time between the server's answer and the UPDATE that marks the row sent
(the SMTP QUIT and one query)."""

import os
import signal
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.smtpservers import LocalSMTPServer
from tests.workers import run_worker_batch, start_worker, worker_environment
from website import outbox
from website.models import OutboxMessage

TEMPLATE = "tests/email/greeting"


def queue(count, prefix):
    """Queue `count` messages in one transaction; returns their Message-IDs."""
    with transaction.atomic():
        keys = [f"{prefix}:{n}" for n in range(count)]
        for n, key in enumerate(keys):
            outbox.send(TEMPLATE, f"reader{n}@example.org", {"name": "Ama"}, key=key)
    return sorted(outbox.message_id_for(key) for key in keys)


def statuses():
    return sorted(OutboxMessage.objects.values_list("status", flat=True))


@pytest.fixture
def smtp_delivery(settings):
    """The outbox delivers through Django's SMTP backend to a local server
    (not started: the test starts it when it should answer)."""
    server = LocalSMTPServer()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_smtp_refuses_then_accepts_and_every_message_arrives_once(
    smtp_delivery, settings
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0  # retry at the next periodic run
    server = smtp_delivery

    # The server is down: each first attempt fails and waits for a retry.
    expected = queue(5, "fault-smtp")
    assert statuses() == ["pending"] * 5
    assert "Connection" in OutboxMessage.objects.first().last_error

    # It comes back greylisting everyone (451 at RCPT)…
    server.start()
    server.refuse("rcpt", "451 4.7.1 Greylisted, try again later", times=5)
    call_command("process_outbox")
    assert statuses() == ["pending"] * 5
    assert server.accepted == []

    # …then refuses two messages at the end of DATA (554), takes the rest…
    server.refuse("data", "554 5.3.0 Message refused", times=2)
    call_command("process_outbox")
    assert statuses() == ["pending"] * 2 + ["sent"] * 3
    assert all(
        "554" in error
        for error in OutboxMessage.objects.filter(status="pending").values_list(
            "last_error", flat=True
        )
    )

    # …and the next runs deliver the last two and send nothing again.
    call_command("process_outbox")
    call_command("process_outbox")
    assert statuses() == ["sent"] * 5
    assert server.accepted_ids() == expected
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [
        3,
        3,
        3,
        4,
        4,
    ]


def smtp_worker_environment(smtp_port):
    """A production worker's environment, sending to this test's SMTP server."""
    return worker_environment(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
        EMAIL_TIMEOUT="5",
    )


def kill_worker_when_held(server, env):
    """Start a worker, SIGKILL it while the server holds a message."""
    worker = start_worker(env)
    try:
        assert server.holding.wait(60), worker.stderr.read1().decode()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    server.release()


def recover(settings, env):
    """What an operator's machines do by themselves: the periodic job (the
    stuck row is old enough at once here) and a new worker."""
    settings.OUTBOX_STUCK_AFTER_SECONDS = 0
    time.sleep(0.01)
    call_command("process_outbox")
    run_worker_batch(env)


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_completes_on_restart_without_duplicates(
    smtp_delivery, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    server = smtp_delivery.start()
    server.hold(6)  # the sixth message waits at the end of its DATA
    expected = queue(12, "fault-worker")
    env = smtp_worker_environment(server.port)

    # Killed mid-conversation, before the server's 250.
    kill_worker_when_held(server, env)
    assert len(server.accepted) == 5
    assert statuses() == ["pending"] * 6 + ["sending"] + ["sent"] * 5

    recover(settings, env)

    assert statuses() == ["sent"] * 12
    assert server.accepted_ids() == expected


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_the_servers_250_resends_with_the_same_message_id(
    smtp_delivery, settings
):
    """The at-least-once window, shown rather than hidden: the server took
    the message, the worker died before marking it sent, so it goes out
    again, recognisable as the same message by its Message-ID."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    server = smtp_delivery.start()
    server.hold(2, step="quit")  # accepted, then the client is stopped
    expected = queue(4, "fault-window")
    env = smtp_worker_environment(server.port)

    kill_worker_when_held(server, env)
    assert len(server.accepted) == 2
    assert statuses() == ["pending"] * 2 + ["sending"] + ["sent"]
    in_flight = OutboxMessage.objects.get(status="sending")

    recover(settings, env)

    assert statuses() == ["sent"] * 4
    received = server.accepted_ids()
    assert sorted(set(received)) == expected
    assert len(received) == 5
    duplicate = outbox.message_id_for(in_flight.key)
    assert received.count(duplicate) == 2
