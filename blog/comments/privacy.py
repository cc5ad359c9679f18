"""Export or erase what a commenter gave us, by email address: the one
implementation behind `manage.py comment_privacy` and the admin's privacy
page (`privacy_views.py`).

Export lists the commenter's entries as JSON-ready dicts. Erase removes
them from the site and blanks what identifies the author (name, email,
website, IP address, text), keeping the rows so that replies keep their
place in the thread: one UPDATE, inside a transaction, without model
signals; `comments_withdrawn` says which of them readers could see.
"""

import json

from django.db import transaction

from ..cache import purge_post
from ..models import BlogComment
from .signals import comments_withdrawn

ERASED_TEXT = "[erased at the author's request]"


def comments_of(email):
    """The entries left with `email` (any case), oldest first."""
    return BlogComment.objects.filter(user_email__iexact=email).order_by("pk")


def export(comments):
    return [
        {
            "id": comment.pk,
            "post": comment.get_absolute_url(),
            "date": comment.submit_date.isoformat(),
            "name": comment.user_name,
            "email": comment.user_email,
            "website": comment.user_url,
            "ip_address": comment.ip_address,
            "text": comment.comment,
            "published": comment.is_public
            and not comment.is_removed
            and not comment.is_spam,
            "notify_of_follow_ups": comment.followup,
        }
        for comment in comments
    ]


def export_json(email):
    return json.dumps(export(comments_of(email)), indent=2, ensure_ascii=False)


def erase(comments):
    """Blank and remove `comments`; returns how many."""
    with transaction.atomic():
        # A queryset update sends no signal: purge the posts shown.
        for post in {comment.content_object for comment in comments} - {None}:
            purge_post(post)
        shown = [c for c in comments if c.is_public and not (c.is_removed or c.is_spam)]
        if shown:
            comments_withdrawn.send(sender=BlogComment, comments=shown)
        return comments.update(
            user_name="",
            user_email="",
            user_url="",
            ip_address=None,
            comment=ERASED_TEXT,
            followup=False,
            is_removed=True,
        )


def erase_address(email):
    return erase(comments_of(email))
