"""An email backend for outbox tests: refuses the first N messages (as an
SMTP server that is down would), then hands them to Django's locmem outbox."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("SMTP server refused the connection")
        return super().send_messages(messages)


def delivered_to(address):
    return [message for message in mail.outbox if address in message.to]


def delivered(message):
    """The email that `message` (an OutboxMessage) became, as its recipient
    got it, one-time links included: delivered now if it is still waiting
    for its transaction's commit (which a test's transaction never makes)."""
    from website import outbox

    outbox.deliver(message.pk)
    message_id = outbox.message_id_for(message.key)
    [email] = [m for m in mail.outbox if m.extra_headers["Message-ID"] == message_id]
    return email
