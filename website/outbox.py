"""The outbox: the one door every email of the site goes through.

    send("program/email/match_released", to=email, context={...},
         key=f"match-released:{round.pk}:{person.pk}", language="es")

writes an `OutboxMessage` row in the caller's transaction (so a rollback
takes the email with it) and, once that transaction commits, enqueues the
`deliver_message` task. Rendering happens here, in the recipient's language,
so the row holds exactly what will be sent and the admin can show it.

Mail that libraries send themselves (allauth's confirmations and password
resets, the comments app, Wagtail's moderation notices) arrives through
`OutboxBackend`, Django's EMAIL_BACKEND, and is queued the same way; the
delivery task hands messages to OUTBOX_DELIVERY_BACKEND (SMTP in
production).

Delivery is at most one worker per row: a worker claims a row by moving it
from pending to sending with a conditional UPDATE. A failure puts the row
back to pending with an exponential backoff (OUTBOX_RETRY_BASE_SECONDS × 2^n)
until OUTBOX_MAX_ATTEMPTS, then marks it failed; the admin shows each row's
state and last error. django-tasks 0.12 has no retries of its own and leaves a
killed task RUNNING forever, so `manage.py process_outbox` (run every minute)
re-queues rows stuck in sending and enqueues rows whose retry time has come.

A worker killed after the SMTP server accepted a message but before the row
was marked sent leaves it stuck; it is re-sent after OUTBOX_STUCK_AFTER_SECONDS.
Each message carries a Message-ID derived from its key, so that rare re-send
is recognisable as the same message by receiving servers.
"""

import hashlib
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.template.loader import TemplateDoesNotExist, render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import OutboxMessage

logger = logging.getLogger(__name__)


def send(template, to, context, *, key, language=None, from_email="", headers=None):
    """Queue the email rendered from `template` for `to`, once per `key`.

    `template` names a folder holding subject.txt, body.txt and optionally
    body.html. Returns the stored message (the existing one if `key` was
    used before: asking twice sends once).
    """
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string(f"{template}/subject.txt", context)
        body_text = render_to_string(f"{template}/body.txt", context)
        try:
            body_html = render_to_string(f"{template}/body.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    return store(
        key=key,
        to=to,
        subject=" ".join(subject.split()),
        body_text=body_text.strip() + "\n",
        body_html=body_html.strip(),
        language=language,
        template=template,
        from_email=from_email,
        headers=headers or {},
    )


def store(*, key, to, subject, body_text, body_html="", **fields):
    """Store an already rendered message (used by `send()` and by
    `OutboxBackend` for mail rendered by libraries)."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject[:255],
            "body_text": body_text,
            "body_html": body_html,
            **fields,
        },
    )
    if created:
        transaction.on_commit(lambda: enqueue_delivery(message.pk))
    return message


class OutboxBackend(BaseEmailBackend):
    """Django email backend that queues each message in the outbox, one row
    per recipient, instead of sending it from inside the request."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.attachments:
                raise ValueError("The outbox does not carry attachments.")
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            if getattr(message, "content_subtype", "plain") == "html":
                body_text, html = "", message.body
            else:
                body_text = message.body
            for recipient in message.recipients():
                store(
                    key=f"mail:{uuid.uuid4()}",
                    to=recipient,
                    subject=message.subject,
                    body_text=body_text,
                    body_html=html,
                    from_email=message.from_email or "",
                    reply_to=", ".join(message.reply_to),
                    headers=dict(message.extra_headers),
                    language=translation.get_language() or "",
                )
        return len(email_messages)


def enqueue_delivery(message_id):
    deliver_message.enqueue(message_id)


@task()
def deliver_message(message_id):
    """Send one pending message if it is due; safe to run twice."""
    deliver(message_id)


def deliver(message_id, connection=None):
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.due(now)
        .filter(pk=message_id)
        .update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        build_email(message, connection).send()
    except Exception as error:  # any backend failure is retried later
        record_failure(message, error)
        return False
    OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.SENDING
    ).update(status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error="")
    return True


def build_email(message, connection=None):
    headers = {"Message-ID": message_id_for(message.key), **message.headers}
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=message.reply_to.split(", ") if message.reply_to else None,
        headers=headers,
        connection=connection or get_connection(settings.OUTBOX_DELIVERY_BACKEND),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def message_id_for(key):
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<{digest}@{domain}>"


def record_failure(message, error):
    attempts = message.attempts
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_attempt_at = OutboxMessage.Status.FAILED, message.next_attempt_at
        logger.error("Giving up on outbox message %s: %r", message.pk, error)
    else:
        delay = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
        status = OutboxMessage.Status.PENDING
        next_attempt_at = timezone.now() + timedelta(seconds=delay)
        logger.warning("Outbox message %s failed, retrying: %r", message.pk, error)
    OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.SENDING
    ).update(
        status=status,
        next_attempt_at=next_attempt_at,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def requeue_stuck(now=None):
    """Put back to pending the rows whose worker never reported back."""
    now = now or timezone.now()
    older_than = now - timedelta(seconds=settings.OUTBOX_STUCK_AFTER_SECONDS)
    return OutboxMessage.objects.stuck(older_than).update(
        status=OutboxMessage.Status.PENDING, next_attempt_at=now
    )


def enqueue_due(now=None, limit=1000):
    """Enqueue delivery of every due row (first attempts whose enqueue was
    lost, retries whose backoff has passed, messages scheduled for later)."""
    ids = list(
        OutboxMessage.objects.due(now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in ids:
        enqueue_delivery(message_id)
    return len(ids)
