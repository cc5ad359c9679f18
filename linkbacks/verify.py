"""Verification of a received linkback, in a background task.

The source is fetched through the safe client (`website.safehttp`: public
http(s) addresses on ports 80/443 only, checked on every redirect hop, at
most 3 redirects, 5 s, 1 MiB, HTML only). Then:

- 410 Gone: the entry is removed.
- Any other failure (refused address, too slow, too large, not HTML, an
  error status): a new notification is dropped (status "failed"); an entry
  already shown stays as it is, since the source may be down for a while.
- The page has no `<a href>` to the target: the entry is removed (or never
  made).
- Otherwise the entry is made or updated from `documents.summarize()`,
  under the comment moderation rules (`judge_linkback`: block list, hold
  list, first-time sites held), with the reason when it is held. On an
  update, the hold and block lists apply to the new text, and a
  moderator's decision stands otherwise.

Whatever changes what readers see goes through `signals.announce`.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from blog.comments import emails
from blog.comments.moderation import Decision, judge, judge_linkback
from blog.models import BlogComment
from website import safehttp

from . import documents
from .models import ReceivedLinkback
from .signals import announce
from .targets import accepted_targets

logger = logging.getLogger(__name__)

Status = ReceivedLinkback.Status
Kind = BlogComment.Kind


@task()
def verify_linkback(linkback_id):
    verify(linkback_id)


def verify(linkback_id):
    """Fetch the source of one received linkback and settle its entry."""
    linkback = ReceivedLinkback.objects.filter(pk=linkback_id).first()
    if linkback is None:
        return None
    post = linkback.page.specific
    if not getattr(post, "allow_linkbacks", False) or not post.live:
        return remove(linkback, Status.REJECTED, "the post does not take linkbacks")
    try:
        response = safehttp.fetch(linkback.source)
    except safehttp.SafeHTTPError as error:
        return fail(linkback, f"{type(error).__name__}: {error.reason}")
    if response.status == 410:
        return remove(linkback, Status.REMOVED, "the source answered 410 Gone")
    if not response.ok:
        return fail(linkback, f"the source answered {response.status}")
    summary = documents.summarize(
        response.text, response.url, accepted_targets(post, linkback.target)
    )
    if not summary.links_to_target:
        return remove(linkback, Status.REJECTED, "the source does not link here")
    return record(linkback, post, summary)


def record(linkback, post, summary, *, trusted=False):
    """Make or update the thread entry of `linkback` from `summary`.
    `trusted` (links from our own posts) skips the first-time hold."""
    fields = entry_fields(linkback, summary)
    with transaction.atomic():
        linkback = ReceivedLinkback.objects.select_for_update().get(pk=linkback.pk)
        comment = linkback.comment
        was_visible = comment is not None and is_visible(comment)
        was_held = linkback.status == Status.HELD
        if comment is None:
            verdict = judge(fields, member=True) if trusted else judge_linkback(fields)
            decision = verdict.decision
            if decision is Decision.DISCARD:
                return settle(linkback, Status.DISCARDED, "matches the block list")
            comment = BlogComment(
                content_type=ContentType.objects.get_for_model(type(post)),
                object_pk=str(post.pk),
                site_id=settings.SITE_ID,
                language=post.locale.language_code,
                submit_date=linkback.received_at,
                ip_address=linkback.sender_ip,
                is_public=decision is Decision.PUBLISH,
                hold_reason=verdict.reason,
                **fields,
            )
        else:
            verdict = judge(fields, member=True)
            decision = verdict.decision
            for name, value in fields.items():
                setattr(comment, name, value)
            if linkback.status == Status.REMOVED:
                comment.is_removed = False  # it links again: it comes back
            if decision is Decision.DISCARD:
                comment.is_removed = True
            elif decision is Decision.HOLD:
                comment.is_public = False
                comment.hold_reason = verdict.reason
        comment.save()
        linkback.comment = comment
        status = status_of(comment)
        if decision is Decision.DISCARD:
            status = Status.DISCARDED
        settle(linkback, status, "")
        if status == Status.HELD and not was_held:
            emails.notify_moderators(comment, post)
        if was_visible or is_visible(comment):
            announce(post, comment, visible=is_visible(comment))
    return status


def entry_fields(linkback, summary):
    if summary.is_repost:
        kind = Kind.REBLOG
    elif linkback.protocol == ReceivedLinkback.Protocol.WEBMENTION:
        kind = Kind.WEBMENTION
    else:
        kind = Kind.PINGBACK
    parts = urlsplit(linkback.source)
    return {
        "kind": kind,
        "source_url": linkback.source,
        "source_title": summary.title,
        "source_site_name": summary.site_name,
        "source_excerpt": summary.excerpt,
        "comment": summary.text or summary.excerpt or summary.title,
        "user_name": (summary.author or summary.site_name or parts.hostname)[:50],
        "user_url": f"{parts.scheme}://{parts.netloc}/"[:200],
    }


def is_visible(comment):
    return comment.is_public and not comment.is_removed and not comment.is_spam


def status_of(comment):
    if comment.is_removed or comment.is_spam:
        return Status.MODERATED
    return Status.PUBLISHED if comment.is_public else Status.HELD


def remove(linkback, status, detail):
    """The source is gone or does not link (any more): hide its entry."""
    with transaction.atomic():
        linkback = ReceivedLinkback.objects.select_for_update().get(pk=linkback.pk)
        comment = linkback.comment
        if comment is not None and not comment.is_removed:
            was_visible = is_visible(comment)
            comment.is_removed = True
            comment.save(update_fields=["is_removed"])
            if was_visible:
                announce(linkback.page, comment, visible=False)
            status = Status.REMOVED
        elif comment is not None:  # a moderator removed it already
            status = linkback.status
        settle(linkback, status, detail)
    return status


def fail(linkback, detail):
    """The source could not be read: keep what is shown, note why."""
    logger.info("Linkback %s not verified: %s", linkback.pk, detail)
    status = Status.FAILED if linkback.comment_id is None else linkback.status
    ReceivedLinkback.objects.filter(pk=linkback.pk).update(
        status=status, detail=detail[:300], verified_at=timezone.now()
    )
    return status


def settle(linkback, status, detail):
    linkback.status, linkback.detail = status, detail[:300]
    linkback.verified_at = timezone.now()
    linkback.save(update_fields=["status", "detail", "verified_at", "comment"])
    return status
