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

One-time tokens reach their recipient only. A ballot link, a check-in or
confirmation link, an application's edit link, an unsubscribe link or an
allauth key lets whoever holds it act as the recipient, and the admin shows
every message (Settings → Outgoing email). So the row holds the message
with each token replaced by a placeholder ("[hidden-…]"), and the tokens
wait in an `OutboxSecret` row that no admin view shows; delivery puts them
back (every attempt, retries included) and the row is deleted once the
message is sent or has failed for good. Callers name their tokens:
`send(..., secrets=[token])`; library mail (allauth, Wagtail, Django) is
searched for links to the views that take a token (`TOKEN_VIEWS`).
"""

import hashlib
import logging
import re
import secrets as random_tokens
import smtplib
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.template.loader import TemplateDoesNotExist, render_to_string
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django_tasks import task

from .models import OutboxMessage, OutboxSecret

logger = logging.getLogger(__name__)

# Sent when the mail server refuses a message's recipient for good (an
# SMTP 5xx at RCPT: `is_hard_bounce`); arguments `message` (OutboxMessage)
# and `error` (text). The message is marked failed and not retried.
recipient_refused = Signal()


def send(
    template,
    to,
    context,
    *,
    key,
    language=None,
    from_email="",
    headers=None,
    secrets=(),
    attachments=(),
):
    """Queue the email rendered from `template` for `to`, once per `key`.

    `template` names a folder holding subject.txt, body.txt and optionally
    body.html. `secrets` are the one-time tokens the message carries (in its
    links, its headers): stored hidden, delivered to `to` only.
    `attachments` are small text files, (filename, content, mimetype) (an
    event's `.ics`): stored with the message, secrets hidden too. Returns the
    stored message (the existing one if `key` was used before: asking twice
    sends once).
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
        secrets=secrets,
        attachments=attachments,
    )


def store(
    *, key, to, subject, body_text, body_html="", secrets=(), attachments=(), **fields
):
    """Store an already rendered message (used by `send()` and by
    `OutboxBackend` for mail rendered by libraries), with its one-time
    tokens (`secrets`, and those of links to TOKEN_VIEWS) hidden."""
    parts = {
        "subject": subject[:255],
        "body_text": body_text,
        "body_html": body_html,
        "headers": fields.pop("headers", None) or {},
        # {filename: content}, so that tokens are hidden in them too.
        "attachments": {name: content for name, content, _type in attachments},
    }
    types = {name: mimetype for name, _content, mimetype in attachments}
    tokens = [*secrets, *tokens_in_links(body_text, body_html)]
    parts, hidden = hide(tokens, parts)
    parts["attachments"] = [
        {"filename": name, "content": content, "mimetype": types[name]}
        for name, content in parts["attachments"].items()
    ]
    with transaction.atomic():
        message, created = OutboxMessage.objects.get_or_create(
            key=key, defaults={"to": to, **parts, **fields}
        )
        if created and hidden:
            OutboxSecret.objects.create(message=message, values=hidden)
    if created:
        transaction.on_commit(lambda: enqueue_delivery(message.pk))
    return message


def store_many(messages):
    """Store already rendered messages in bulk (a newsletter to thousands):
    each a dict of `store()`'s arguments, in the caller's transaction. Keys
    must be new (a key used before raises IntegrityError, which rolls the
    caller's batch back). Nothing is enqueued: the caller hands the stored
    messages' ids to `deliver_batch` once its transaction commits (and
    `process_outbox` sends what that leaves due)."""
    rows, hidden_values = [], []
    for message in messages:
        message = dict(message)
        tokens = message.pop("secrets", ())
        parts = {
            "subject": message.pop("subject")[:255],
            "body_text": message.pop("body_text"),
            "body_html": message.pop("body_html", ""),
            "headers": message.pop("headers", None) or {},
        }
        parts, hidden = hide(tokens, parts)
        rows.append(OutboxMessage(**message, **parts))
        hidden_values.append(hidden)
    created = OutboxMessage.objects.bulk_create(rows)
    OutboxSecret.objects.bulk_create(
        OutboxSecret(message=row, values=hidden)
        for row, hidden in zip(created, hidden_values, strict=True)
        if hidden
    )
    return created


# -- One-time tokens -------------------------------------------------------------

# Characters a token may have: those of URL-safe base64, hex, Django's
# signing (colons) and allauth's keys, which HTML and URL escaping leave as
# they are (so the token is found as it is in every part of the message).
TOKEN = re.compile(r"[A-Za-z0-9_.~:=-]+")
# Views of Django, allauth and Wagtail (and ours) whose URL carries a token:
# {URL name: the arguments that are tokens}.
TOKEN_VIEWS = {
    "account_confirm_email": ["key"],
    "account_reset_password_from_key": ["key"],
    "wagtailadmin_password_reset_confirm": ["token"],
    "password_reset_confirm": ["token"],
    "comments-confirm": ["key"],
    "comments-mute": ["key"],
}
LINK = re.compile(r"https?://[^\s<>\"']+")


def hide(tokens, parts):
    """`parts` (subject, bodies, headers) with every token replaced by a
    placeholder of its own, and {placeholder: token}."""
    hidden = {}
    # Longest first, so that a token inside another is not cut out of it.
    for token in sorted({t for t in tokens if t}, key=len, reverse=True):
        if not TOKEN.fullmatch(token):
            raise ValueError("A one-time token must be URL-safe text.")
        placeholder = f"[hidden-{random_tokens.token_hex(8)}]"
        parts = _replace(parts, token, placeholder)
        hidden[placeholder] = token
    return parts, hidden


def reveal(text, hidden):
    """`text` with the placeholders of `hidden` replaced by their tokens."""
    for placeholder, token in hidden.items():
        text = text.replace(placeholder, token)
    return text


def _replace(parts, old, new):
    return {
        name: (
            {header: value.replace(old, new) for header, value in value.items()}
            if isinstance(value, dict)
            else value.replace(old, new)
        )
        for name, value in parts.items()
    }


def tokens_in_links(*texts):
    """The tokens in links to TOKEN_VIEWS found in `texts` (mail rendered by
    a library, which does not name its tokens)."""
    found = []
    for text in texts:
        for link in LINK.findall(text or ""):
            path = urlsplit(link).path
            language = translation.get_language_from_path(path)
            with translation.override(language or settings.LANGUAGE_CODE):
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
            for name in TOKEN_VIEWS.get(match.url_name, ()):
                value = match.kwargs.get(name)
                # Not a token of ours if escaping could change it (a link
                # someone typed into a comment, quoted in a notification).
                if isinstance(value, str) and TOKEN.fullmatch(value):
                    found.append(value)
    return found


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
            secrets = getattr(message, "outbox_secrets", ())
            for recipient in message.recipients():
                store(
                    secrets=secrets,
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


@task()
def deliver_batch(message_ids):
    """Send several messages over one connection to the mail server (a
    batch of a newsletter); each is claimed as `deliver_message` claims it,
    so a row sent elsewhere meanwhile is not sent again."""
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
    try:
        connection.open()
    except Exception:  # noqa: BLE001 (each message records its own failure)
        connection = None
    try:
        for message_id in message_ids:
            deliver(message_id, connection)
    finally:
        if connection is not None:
            connection.close()


def enqueue_delivery(message_id):
    deliver_message.enqueue(message_id)


@task()
def deliver_message(message_id):
    """Send one pending message if it is due; safe to run twice."""
    deliver(message_id)


# Due rows handed to one `deliver_batch` task by `enqueue_due`: one task row
# (one INSERT) per batch instead of one per message (831 due: 883 queries,
# 0.74 s).
DELIVERY_BATCH = 100


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
    with transaction.atomic():
        sent = OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxMessage.Status.SENDING
        ).update(
            status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        if sent:  # delivered: its tokens are no longer needed by anyone
            OutboxSecret.objects.filter(message_id=message.pk).delete()
    return True


def build_email(message, connection=None):
    """The email to hand to the delivery backend: the stored message with
    its one-time tokens put back."""
    hidden = OutboxSecret.objects.filter(message_id=message.pk).first()
    hidden = hidden.values if hidden is not None else {}
    headers = {
        "Message-ID": message_id_for(message.key),
        **{name: reveal(value, hidden) for name, value in message.headers.items()},
    }
    email = EmailMultiAlternatives(
        subject=reveal(message.subject, hidden),
        body=reveal(message.body_text, hidden),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=message.reply_to.split(", ") if message.reply_to else None,
        headers=headers,
        connection=connection or get_connection(settings.OUTBOX_DELIVERY_BACKEND),
    )
    if message.body_html:
        email.attach_alternative(reveal(message.body_html, hidden), "text/html")
    for attachment in message.attachments:
        email.attach(
            attachment["filename"],
            reveal(attachment["content"], hidden),
            attachment["mimetype"],
        )
    return email


def message_id_for(key):
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<{digest}@{domain}>"


def is_hard_bounce(error):
    """Whether the mail server refused the recipient for good: a 5xx reply
    to RCPT (for example "550 5.1.1 No such user"). A 4xx is temporary and
    a 5xx at DATA is about the message, not the address: both are retried."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return all(code >= 500 for code, _reply in error.recipients.values())
    return False


def record_failure(message, error):
    attempts = message.attempts
    hard_bounce = is_hard_bounce(error)
    if hard_bounce:
        status, next_attempt_at = OutboxMessage.Status.FAILED, message.next_attempt_at
        logger.warning("Outbox message %s: recipient refused: %r", message.pk, error)
    elif attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_attempt_at = OutboxMessage.Status.FAILED, message.next_attempt_at
        logger.error("Giving up on outbox message %s: %r", message.pk, error)
    else:
        delay = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
        status = OutboxMessage.Status.PENDING
        next_attempt_at = timezone.now() + timedelta(seconds=delay)
        logger.warning("Outbox message %s failed, retrying: %r", message.pk, error)
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxMessage.Status.SENDING
        ).update(
            status=status,
            next_attempt_at=next_attempt_at,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if updated and status == OutboxMessage.Status.FAILED:
            # Never to be sent: its tokens are no longer needed by anyone.
            OutboxSecret.objects.filter(message_id=message.pk).delete()
        if updated and hard_bounce:
            # Whoever keeps a list of addresses stops writing to this one
            # (subscriptions suspend it), in this transaction.
            recipient_refused.send(
                sender=OutboxMessage, message=message, error=str(error)
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
    lost, retries whose backoff has passed, messages scheduled for later),
    DELIVERY_BATCH rows a task: one query to find them and one INSERT per
    batch, in one transaction."""
    ids = list(
        OutboxMessage.objects.due(now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    with transaction.atomic():
        for start in range(0, len(ids), DELIVERY_BATCH):
            deliver_batch.enqueue(ids[start : start + DELIVERY_BATCH])
    return len(ids)
