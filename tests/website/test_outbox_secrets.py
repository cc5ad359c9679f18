"""One-time tokens reach their recipient only: the outbox stores each
message with its tokens hidden (what the admin shows under Settings →
Outgoing email), keeps the tokens apart only until the message is delivered,
and every delivery attempt, retries included, carries the working link."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from website import outbox
from website.factories import UserFactory
from website.models import OutboxMessage, OutboxSecret

from .mail_backends import FlakyBackend, delivered_to

TOKEN = "Zr4k-9vQx_2mW8pL3nB6yT1cH5dF0gJ7"
URL = f"https://librarians.example.org/en/elections/webinars/vote/{TOKEN}/"


def stored_text(message):
    """Everything the admin can show of a stored message."""
    message.refresh_from_db()
    return " ".join(
        [message.subject, message.body_text, message.body_html, str(message.headers)]
    )


def send_link(key="link:1", to="ana@example.org"):
    return outbox.send(
        "tests/email/one_time_link",
        to,
        {"name": "Ana", "url": URL},
        key=key,
        headers={"List-Unsubscribe": f"<{URL}>"},
        secrets=[TOKEN],
    )


@pytest.fixture
def flaky_mail(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.website.mail_backends.FlakyBackend"
    FlakyBackend.failures_left = 0
    return FlakyBackend


@pytest.mark.django_db(transaction=True)
def test_a_token_is_stored_hidden_and_delivered_whole_to_the_recipient():
    with transaction.atomic():
        message = send_link()
        assert TOKEN not in stored_text(message)
        assert "/vote/[hidden-" in message.body_text
        assert OutboxSecret.objects.filter(message=message).exists()
    [email] = delivered_to("ana@example.org")
    assert URL in email.body
    assert URL in email.alternatives[0].content
    assert email.extra_headers["List-Unsubscribe"] == f"<{URL}>"
    assert "[hidden-" not in email.body
    # Sent: the token is kept nowhere any more.
    assert not OutboxSecret.objects.exists()
    assert TOKEN not in stored_text(message)


@pytest.mark.django_db(transaction=True)
def test_every_retry_carries_the_token_until_the_message_is_sent(flaky_mail):
    flaky_mail.failures_left = 2
    message = send_link()
    for _attempt in range(2):
        message.refresh_from_db()
        assert message.status == OutboxMessage.Status.PENDING
        assert OutboxSecret.objects.filter(message=message).exists()
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        call_command("process_outbox")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    [email] = delivered_to("ana@example.org")
    assert URL in email.body
    assert not OutboxSecret.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_message_resent_after_its_worker_died_carries_the_token():
    with transaction.atomic():
        message = send_link()
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=timezone.now() - timedelta(hours=1),
        )
    assert mail.outbox == []
    call_command("process_outbox")
    [email] = delivered_to("ana@example.org")
    assert URL in email.body


@pytest.mark.django_db(transaction=True)
def test_a_message_that_fails_for_good_keeps_no_token(flaky_mail, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    flaky_mail.failures_left = 10
    message = send_link()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("process_outbox")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert not OutboxSecret.objects.exists()
    assert TOKEN not in stored_text(message)


@pytest.mark.django_db
def test_a_token_escaping_could_change_is_refused():
    with pytest.raises(ValueError):
        outbox.send(
            "tests/email/one_time_link",
            "ana@example.org",
            {"name": "Ana", "url": "https://x.example/?a=1&b=2"},
            key="link:bad",
            secrets=["a=1&b=2"],
        )


@pytest.mark.django_db
def test_the_admin_cannot_redirect_an_email_that_carries_a_token(client, home):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with_token = send_link()
    plain = outbox.send(
        "tests/email/greeting", "bo@exmaple.org", {"name": "Bo"}, key="greeting:1"
    )

    response = client.post(
        f"/admin/outbox/edit/{with_token.pk}/", {"to": "someone-else@example.org"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "one-time link meant for its recipient alone" in response.text
    with_token.refresh_from_db()
    assert with_token.to == "ana@example.org"

    # A typo in an ordinary email's address is still corrected there.
    response = client.post(f"/admin/outbox/edit/{plain.pk}/", {"to": "bo@example.org"})
    assert response.status_code == 302
    plain.refresh_from_db()
    assert plain.to == "bo@example.org"


LINK = re.compile(r"https?://[^\s<>\"']+")


def links_in(email):
    return LINK.findall(email.body)


@pytest.mark.django_db
def test_allauths_confirmation_key_is_hidden_and_confirms(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "new.member@example.org",
                "password1": "a long pass phrase 2018",
                "password2": "a long pass phrase 2018",
            },
        )
    assert response.status_code == 302
    [email] = delivered_to("new.member@example.org")
    [link] = [u for u in links_in(email) if "/confirm-email/" in u]
    key = link.rstrip("/").rsplit("/", 1)[-1]
    message = OutboxMessage.objects.get(to="new.member@example.org")
    assert key not in stored_text(message)
    assert "/confirm-email/[hidden-" in message.body_text
    # The link the member received works.
    path = link.split("testserver", 1)[-1]
    client.post(path)
    user = get_user_model().objects.get(email="new.member@example.org")
    assert user.emailaddress_set.get().verified


@pytest.mark.django_db
def test_allauths_password_reset_key_is_hidden_and_works(
    client, home, django_capture_on_commit_callbacks
):
    UserFactory(username="ama", email="ama@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "ama@example.org"})
    [email] = delivered_to("ama@example.org")
    [link] = [u for u in links_in(email) if "/password/reset/key/" in u]
    message = OutboxMessage.objects.get(to="ama@example.org")
    key = link.rstrip("/").rsplit("-", 1)[-1]
    assert len(key) > 8 and key not in stored_text(message)
    page = client.get(link.split("testserver", 1)[-1], follow=True)
    assert page.status_code == 200
    assert "password1" in page.text  # the form to choose a new password


@pytest.mark.django_db
def test_wagtails_password_reset_token_is_hidden(
    client, home, django_capture_on_commit_callbacks
):
    UserFactory(username="edna", email="edna@example.org", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/password_reset/", {"email": "edna@example.org"})
    [email] = delivered_to("edna@example.org")
    [link] = [u for u in links_in(email) if "/password_reset/confirm/" in u]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    message = OutboxMessage.objects.get(to="edna@example.org")
    assert token not in stored_text(message)
    assert client.get(link.split("testserver", 1)[-1]).status_code == 302
