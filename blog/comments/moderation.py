"""Moderation rules for comments (and linkbacks, which follow the same
rules).

A new entry, once its author is known (a signed-in member, or an anonymous
commenter who followed the confirmation link), is

- discarded when it matches the block list,
- held for a moderator (`is_public=False`) when it matches the hold list,
  contains two or more links, or comes from an email address that has no
  approved comment yet (anonymous commenters only: members' addresses are
  verified when they sign up); a comment still waiting, removed or marked
  as spam does not make an address known, so a second comment sent while
  the first waits waits too,
- published otherwise.

Linkbacks (`judge_linkback`) follow the same lists; what is held the first
time is a site (the source's host) never seen before in a published
linkback, since linkbacks carry no email address.

`judge()` says why an entry is held (a `BlogComment.HoldReason`), which is
stored with it for the moderators; `assess()` gives the decision alone.

The hold and block lists are edited in the admin (Settings → Comment
moderation, `CommentModerationSettings`): one word, phrase or address per
line, matched case-insensitively against the text, name, email and website.

A moderator's decisions (approve, remove, mark as spam: `DECISIONS`) are
applied by `apply_decision`, from the moderation view and the listing's
bulk actions alike.
"""

import enum
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.models import Site

from ..cache import purge_post
from ..models import BlogComment, CommentModerationSettings
from . import emails
from .signals import comments_published, comments_withdrawn
from .text import count_links

MAX_LINKS = 1  # two or more links wait for a moderator

HoldReason = BlogComment.HoldReason


class Decision(enum.StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    DISCARD = "discard"


@dataclass(frozen=True)
class Verdict:
    """A decision, and for a held entry the reason (a `HoldReason`)."""

    decision: Decision
    reason: str = ""


PUBLISH = Verdict(Decision.PUBLISH)
DISCARD = Verdict(Decision.DISCARD)


def moderation_settings(site=None):
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return CommentModerationSettings()
    return CommentModerationSettings.for_site(site)


def haystack(fields):
    return "\n".join(
        str(fields.get(name) or "")
        for name in (
            "comment",
            "user_name",
            "user_email",
            "user_url",
            "source_url",
            "source_title",
            "source_site_name",
        )
    ).lower()


def is_blocked(fields, lists=None):
    lists = lists or moderation_settings()
    text = haystack(fields)
    return any(entry in text for entry in lists.block_entries)


def is_known_address(email):
    """Whether an entry from `email` is published: approved by a moderator
    (or let through by the rules) and neither removed nor marked spam. One
    that was only confirmed, and still waits, does not count."""
    return (
        bool(email)
        and BlogComment.objects.visible().filter(user_email__iexact=email).exists()
    )


def hold_list_matches(fields, lists=None):
    """The entries of the hold list found in the entry's fields."""
    lists = lists or moderation_settings()
    text = haystack(fields)
    return [entry for entry in lists.hold_entries if entry in text]


def judge(fields, *, member=False, lists=None):
    """The verdict on a new entry, from its fields (a dict or a
    `TmpXtdComment`: comment, user_name, user_email, user_url…)."""
    lists = lists or moderation_settings()
    if is_blocked(fields, lists):
        return DISCARD
    if hold_list_matches(fields, lists):
        return Verdict(Decision.HOLD, HoldReason.HOLD_LIST)
    if count_links(fields.get("comment")) > MAX_LINKS:
        return Verdict(Decision.HOLD, HoldReason.LINKS)
    if (
        not member
        and settings.COMMENTS_FIRST_TIME_HELD
        and not is_known_address(fields.get("user_email"))
    ):
        return Verdict(Decision.HOLD, HoldReason.FIRST_COMMENT)
    return PUBLISH


def assess(fields, *, member=False, lists=None):
    """The decision alone (see `judge`)."""
    return judge(fields, member=member, lists=lists).decision


def is_known_site(url):
    """Whether a linkback from the host of `url` was published before (and
    neither removed nor marked spam)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if not host:
        return False
    same_host = Q()
    for scheme in ("http", "https"):
        for end in ("/", ":"):
            same_host |= Q(source_url__istartswith=f"{scheme}://{host}{end}")
    return (
        BlogComment.objects.visible()
        .exclude(kind=BlogComment.Kind.COMMENT)
        .filter(same_host)
        .exists()
    )


def judge_linkback(fields, *, lists=None):
    """The verdict on a new linkback (fields as for `judge`, with
    source_url, source_title and source_site_name)."""
    verdict = judge(fields, member=True, lists=lists)
    if (
        verdict.decision is Decision.PUBLISH
        and settings.COMMENTS_FIRST_TIME_HELD
        and not is_known_site(fields.get("source_url") or "")
    ):
        return Verdict(Decision.HOLD, HoldReason.NEW_SITE)
    return verdict


def assess_linkback(fields, *, lists=None):
    """The decision alone (see `judge_linkback`)."""
    return judge_linkback(fields, lists=lists).decision


# What each of a moderator's decisions sets.
DECISIONS = {
    "approve": {"is_public": True, "is_removed": False, "is_spam": False},
    "remove": {"is_removed": True, "is_spam": False},
    "spam": {"is_spam": True, "is_public": False, "is_removed": False},
}


def apply_decision(request, comments, decision):
    """Apply a moderator's `decision` (a key of DECISIONS) to `comments`
    (loaded before the change), in one UPDATE; tell the followers of each
    thread about the comments it publishes, in the same transaction, and
    purge the posts from the page cache. Returns how many were updated.

    The UPDATE goes around xtd's pre_save signal, so that approving a
    comment does not also publish replies held for their own reasons. It
    also sends no post_save: `comments_published` is sent instead, with
    the comments the decision makes visible to readers, and
    `comments_withdrawn` with those it hides from them."""
    values = DECISIONS[decision]
    published = [c for c in comments if not is_visible(c) and is_visible(c, values)]
    withdrawn = [c for c in comments if is_visible(c) and not is_visible(c, values)]
    with transaction.atomic():
        count = BlogComment.objects.filter(pk__in=[c.pk for c in comments]).update(
            **values
        )
        # A queryset update sends no signal: purge the posts here.
        posts = {comment.content_object for comment in comments} - {None}
        for post in posts:
            purge_post(post)
        if values.get("is_public"):
            for comment in comments:
                if not comment.is_public and comment.content_object is not None:
                    comment.is_public = True
                    emails.notify_followers(
                        request, comment, comment.content_object.specific
                    )
        if published:
            comments_published.send(sender=BlogComment, comments=published)
        if withdrawn:
            comments_withdrawn.send(sender=BlogComment, comments=withdrawn)
    return count


def is_visible(comment, values=None):
    """Whether readers see `comment`, or would once `values` (fields of
    DECISIONS) are set on it."""
    fields = {
        name: getattr(comment, name) for name in ("is_public", "is_removed", "is_spam")
    }
    fields.update(values or {})
    return fields["is_public"] and not fields["is_removed"] and not fields["is_spam"]
