"""Moderation rules for comments (and linkbacks, which follow the same
rules).

A new entry, once its author is known (a signed-in member, or an anonymous
commenter who followed the confirmation link), is

- discarded when it matches the block list,
- held for a moderator (`is_public=False`) when it matches the hold list,
  contains two or more links, or is the first entry from an email address
  never seen before (anonymous commenters only: members' addresses are
  verified when they sign up),
- published otherwise.

Linkbacks (`assess_linkback`) follow the same lists; what is held the first
time is a site (the source's host) never seen before in a published
linkback, since linkbacks carry no email address.

The hold and block lists are edited in the admin (Settings → Comment
moderation, `CommentModerationSettings`): one word, phrase or address per
line, matched case-insensitively against the text, name, email and website.
"""

import enum
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from wagtail.models import Site

from ..models import BlogComment, CommentModerationSettings
from .text import count_links

MAX_LINKS = 1  # two or more links wait for a moderator


class Decision(enum.StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    DISCARD = "discard"


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
    """Whether an entry from `email` was confirmed before (and neither
    removed nor marked spam by a moderator)."""
    return (
        bool(email)
        and BlogComment.objects.filter(
            user_email__iexact=email, is_removed=False, is_spam=False
        ).exists()
    )


def assess(fields, *, member=False, lists=None):
    """The decision for a new entry, from its fields (a dict or a
    `TmpXtdComment`: comment, user_name, user_email, user_url…)."""
    lists = lists or moderation_settings()
    text = haystack(fields)
    if any(entry in text for entry in lists.block_entries):
        return Decision.DISCARD
    if any(entry in text for entry in lists.hold_entries):
        return Decision.HOLD
    if count_links(fields.get("comment")) > MAX_LINKS:
        return Decision.HOLD
    if (
        not member
        and settings.COMMENTS_FIRST_TIME_HELD
        and not is_known_address(fields.get("user_email"))
    ):
        return Decision.HOLD
    return Decision.PUBLISH


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


def assess_linkback(fields, *, lists=None):
    """The decision for a new linkback (fields as for `assess`, with
    source_url, source_title and source_site_name)."""
    decision = assess(fields, member=True, lists=lists)
    if (
        decision is Decision.PUBLISH
        and settings.COMMENTS_FIRST_TIME_HELD
        and not is_known_site(fields.get("source_url") or "")
    ):
        return Decision.HOLD
    return decision
