"""Sending our activities to other servers, through the task queue.

Publishing a post for the first time queues a Create(Article) for the
followers of the actor of its language; publishing it again, an Update;
unpublishing or deleting it, a Delete (`FederatedPost` remembers which).
Each follower's server gets it once: one `Delivery` per inbox, a server's
shared inbox standing for all its followers (the unique constraint on
activity and inbox makes a second queueing a no-op).

Deliveries run in batches of FEDIVERSE_BATCH_SIZE through django_tasks
(`deliver_batch`). A worker claims each row by moving its
`next_attempt_at` forward (one UPDATE: two workers never both send it),
signs it, POSTs the batch through the safe HTTP client
FEDIVERSE_CONCURRENCY (8) at a time, and records each answer. A failure
(network, or a status other than 2xx; 4xx other than 408/429 are not
retried) is tried again after 1, 4, 16… minutes, at most 6 hours apart,
until FEDIVERSE_GIVE_UP_AFTER (3 days) has passed since the first try:
then the delivery is given up. `manage.py deliver_fediverse` (every
minute, like process_outbox) queues what is due again, so a worker that
died loses nothing. Every row and its state is in the admin.
"""

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from wagtail.signals import page_published, page_unpublished

from blog.models import BlogPage
from website import safehttp

from . import actors, documents, signatures
from .models import Delivery, FederatedPost, Follower

logger = logging.getLogger(__name__)

State = Delivery.State
BATCH_SIZE = 50
GIVE_UP_AFTER = timedelta(days=3)
LEASE = timedelta(minutes=5)  # how long a claimed row is left to its worker
MAX_BACKOFF = timedelta(hours=6)
CONCURRENCY = 8  # POSTs in flight at once within a batch


# What publishing sends


@receiver(page_published)
def post_published(sender, instance, **kwargs):
    if isinstance(instance, BlogPage):
        page_id = instance.pk
        transaction.on_commit(lambda: federate_post(page_id))


@receiver(page_unpublished)
def post_unpublished(sender, instance, **kwargs):
    if isinstance(instance, BlogPage):
        withdraw_post(instance.pk)


@receiver(pre_delete)
def post_deleted(sender, instance, **kwargs):
    if isinstance(instance, BlogPage) and not getattr(instance, "alias_of_id", None):
        withdraw_post(instance.pk)


def federate_post(page_id):
    """Create (first time) or Update (after) a live public post."""
    post = BlogPage.objects.live().public().filter(pk=page_id).specific().first()
    if post is None:
        return None
    language = post.locale.language_code
    actor = actors.actor_for_language(language)
    if actor is None:
        return None
    with transaction.atomic():
        record, created = FederatedPost.objects.select_for_update().get_or_create(
            page_id=post.pk, defaults={"language": language}
        )
        kind = "Update" if not created and record.is_live else "Create"
        if not created:
            record.is_live = True
            record.save(update_fields=["is_live", "updated_at"])
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        body = documents.activity(
            kind,
            actor,
            documents.article(post, actor),
            suffix=f"{kind.lower()}-{stamp}",
        )
        return queue(actor, body, follower_inboxes(actor), page_id=post.pk)


def withdraw_post(page_id):
    """Delete a post that was on the fediverse (unpublished or deleted)."""
    with transaction.atomic():
        record = (
            FederatedPost.objects.select_for_update()
            .filter(page_id=page_id, is_live=True)
            .first()
        )
        if record is None:
            return None
        record.is_live = False
        record.save(update_fields=["is_live", "updated_at"])
        actor = actors.actor_for_language(record.language)
        if actor is None:
            return None
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        body = documents.activity(
            "Delete", actor, documents.tombstone(page_id), suffix=f"delete-{stamp}"
        )
        return queue(actor, body, follower_inboxes(actor), page_id=None)


def follower_inboxes(actor):
    """One inbox per follower's server: its shared inbox, else each
    follower's own."""
    inboxes = set()
    for inbox, shared in Follower.objects.filter(actor=actor).values_list(
        "remote__inbox", "remote__shared_inbox"
    ):
        inboxes.add(shared or inbox)
    return sorted(inboxes)


def send_accept(actor, remote, follow):
    queue(actor, documents.accept(actor, follow), [remote.inbox], page_id=None)


# The queue


def queue(actor, body, inboxes, *, page_id):
    """One Delivery of `body` per inbox (none twice), sent after the commit
    in batches. Returns how many were queued."""
    now = timezone.now()
    rows = Delivery.objects.bulk_create(
        [
            Delivery(
                activity_id=body["id"][:500],
                activity_type=body["type"],
                page_id=page_id,
                actor=actor,
                inbox=inbox,
                body=body,
                next_attempt_at=now,
            )
            for inbox in inboxes
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    ids = list(
        Delivery.objects.filter(activity_id=body["id"][:500], state=State.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: enqueue_batches(ids))
    return len(rows)


def batch_size():
    return getattr(settings, "FEDIVERSE_BATCH_SIZE", BATCH_SIZE)


def enqueue_batches(ids):
    size = batch_size()
    for start in range(0, len(ids), size):
        deliver_batch.enqueue(ids[start : start + size])


def due():
    return Delivery.objects.filter(
        state__in=[State.PENDING, State.RETRYING], next_attempt_at__lte=timezone.now()
    )


def queue_due():
    """Queue every delivery that is due (the periodic job)."""
    ids = list(due().order_by("pk").values_list("pk", flat=True)[:10_000])
    enqueue_batches(ids)
    return len(ids)


@task()
def deliver_batch(ids):
    """Send the deliveries `ids`: claimed and signed one by one here, POSTed
    FEDIVERSE_CONCURRENCY at a time (threads that only do HTTP, no database),
    then settled here."""
    claimed = [row for row in map(claim, ids) if row is not None]
    requests = [signed_request(row) for row in claimed]
    workers = max(1, min(concurrency(), len(requests)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(lambda request: post(*request), requests))
    for row, (status, error) in zip(claimed, outcomes, strict=True):
        settle(row, status, error)


def concurrency():
    return getattr(settings, "FEDIVERSE_CONCURRENCY", CONCURRENCY)


def claim(delivery_id):
    """Take the row for this worker (None when it is not due, or another
    worker has it)."""
    now = timezone.now()
    claimed = due().filter(pk=delivery_id).update(next_attempt_at=now + LEASE)
    if not claimed:
        return None
    return Delivery.objects.select_related("actor").get(pk=delivery_id)


def signed_request(delivery):
    """(inbox, body, headers) of a claimed delivery, signed now."""
    actor = delivery.actor
    body = json.dumps(delivery.body, separators=(",", ":")).encode()
    headers = signatures.sign_request(
        method="POST",
        url=delivery.inbox,
        body=body,
        key_id=actors.key_id(actor),
        private_pem=actor.private_key_pem,
        date=timezone.now(),
    )
    headers["Accept"] = documents.ACTIVITY_JSON
    return delivery.inbox, body, headers


def post(inbox, body, headers):
    """POST through the safe client: (status or None, error text)."""
    try:
        response = safehttp.fetch(
            inbox,
            method="POST",
            data=body,
            headers=headers,
            allowed_content_types=safehttp.ANY_TYPE,
        )
    except safehttp.SafeHTTPError as failure:
        return None, f"{type(failure).__name__}: {failure.reason}"
    return response.status, ""


def deliver(delivery_id):
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    return settle(delivery, *post(*signed_request(delivery)))


def settle(delivery, status, error):
    now = timezone.now()
    attempts = delivery.attempts + 1  # the row is ours (claimed) until saved
    delivery.attempts = attempts
    delivery.response_status = status
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.sent_at, delivery.last_error = State.SENT, now, ""
    else:
        delivery.last_error = (error or f"the server answered {status}")[:300]
        permanent = (
            status is not None and 400 <= status < 500 and status not in (408, 429)
        )
        give_up_after = getattr(settings, "FEDIVERSE_GIVE_UP_AFTER", GIVE_UP_AFTER)
        if permanent or now - delivery.created_at >= give_up_after:
            delivery.state = State.GIVEN_UP
        else:
            delivery.state = State.RETRYING
            delivery.next_attempt_at = now + backoff(attempts)
    delivery.save(
        update_fields=[
            "attempts",
            "response_status",
            "state",
            "sent_at",
            "last_error",
            "next_attempt_at",
        ]
    )
    return delivery.state


def backoff(attempts):
    """1, 4, 16, 64… minutes after the attempt number `attempts`, at most
    MAX_BACKOFF."""
    return min(timedelta(minutes=4 ** (attempts - 1)), MAX_BACKOFF)
