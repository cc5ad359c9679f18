"""A hard bounce (the mail server refuses the recipient with a 5xx)
suspends the subscription; a temporary refusal (4xx) does not."""

import pytest

from subscriptions import sending
from subscriptions.models import Subscription
from tests.smtpservers import LocalSMTPServer
from website import outbox
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_server(settings):
    server = LocalSMTPServer()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    with server:
        yield server


def queue_post(make_post, title):
    post = make_post("en", title=title)  # its fan-out not run: done here
    sending.queue_batch(post.pk, sending.recipients(post))
    return list(OutboxMessage.objects.order_by("to").values_list("pk", flat=True))


def test_a_recipient_refused_with_a_5xx_is_suspended_and_not_retried(
    smtp_server, subscribe, make_post
):
    subscribe("gone@example.org", ["en"])
    subscribe("here@example.org", ["en"])
    smtp_server.refuse("rcpt", "550 5.1.1 No such user", times=1)
    gone, here = queue_post(make_post, "Bounce")
    outbox.deliver_batch.call([gone, here])
    assert OutboxMessage.objects.get(pk=gone).status == "failed"
    assert OutboxMessage.objects.get(pk=here).status == "sent"
    suspended = Subscription.objects.get(email="gone@example.org")
    assert suspended.suspended
    assert "550" in suspended.suspended_reason
    assert not Subscription.objects.get(email="here@example.org").suspended
    # Suspended addresses are sent no more posts.
    assert sending.recipients(make_post("en", title="Next")) == [
        Subscription.objects.get(email="here@example.org").pk
    ]


def test_a_temporary_refusal_is_retried_and_suspends_nothing(
    smtp_server, subscribe, make_post
):
    subscribe("busy@example.org", ["en"])
    smtp_server.refuse("rcpt", "451 4.7.1 Greylisted, try again later", times=1)
    [message] = queue_post(make_post, "Greylisted")
    outbox.deliver(message)
    assert OutboxMessage.objects.get(pk=message).status == "pending"
    assert not Subscription.objects.get().suspended


def test_the_admin_lists_suspended_subscriptions(admin_client, subscribe):
    subscribe("gone@example.org", ["en"], suspended_reason="550 No such user")
    Subscription.objects.update(suspended_at="2026-01-01T00:00Z")
    response = admin_client.get("/admin/email_subscribers/?suspended=yes")
    assert response.status_code == 200
    assert "gone@example.org" in response.text


def test_editors_see_counts_and_organisers_see_who(demo_for_the_module):
    from tests.demo_accounts import client_of

    editor = client_of("editor@example.org")
    counts = editor.get("/admin/subscriber-counts/")
    assert counts.status_code == 200
    assert "English" in counts.text
    assert "reader.en@example.org" not in counts.text
    assert editor.get("/admin/email_subscribers/").status_code in (302, 403)
    organiser = client_of("organiser@example.org")
    listing = organiser.get("/admin/email_subscribers/")
    assert listing.status_code == 200
    assert "reader.en@example.org" in listing.text
