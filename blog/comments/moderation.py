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

The hold and block lists are edited in the admin (Settings → Comment
moderation, `CommentModerationSettings`): one word, phrase or address per
line, matched case-insensitively against the text, name, email and website.
"""

import enum

from django.conf import settings
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
        for name in ("comment", "user_name", "user_email", "user_url", "source_url")
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
