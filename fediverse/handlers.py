"""What each accepted activity does (its signature has been verified).

- Follow of one of our actors: a `Follower`, and an Accept sent back
  (signed, through the delivery queue).
- Create Note replying to one of our posts (its object id or its page
  URL) or to a reply we hold: a comment of kind "fediverse" in that place
  of the thread (at most the deepest level: a reply deeper still goes
  beside its parent), under the comment moderation rules, a server's
  first reply held (`judge_linkback` on the note's URL).
- Update Note: the text of its entry changes (hold and block lists apply
  again); Delete (of the note, or of the actor): the entry is removed.
- Announce of one of our posts: a "boost" entry, "Boosted by … on …",
  under the same rules as reblogs. Like: a `RemoteLike`, counted with the
  likes. Undo of a Follow, Like or Announce removes it.

Entries change only for the actor that made them. Each accepted activity
leaves an `IncomingActivity` saying what became of it.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from blog.comments import emails
from blog.comments.moderation import Decision, judge, judge_linkback
from blog.models import BlogComment, BlogPage
from linkbacks.targets import post_for_url

from . import actors
from .models import Follower, IncomingActivity, RemoteEntry, RemoteLike
from .text import first_of, plain_text

logger = logging.getLogger(__name__)

Outcome = IncomingActivity.Outcome
Kind = BlogComment.Kind


def handle(activity, remote):
    kind = activity.get("type")
    handler = HANDLERS.get(kind if isinstance(kind, str) else "")
    with transaction.atomic():
        if handler is None:
            outcome, detail = Outcome.IGNORED, f"type {kind!r} is not handled"
        else:
            outcome, detail = handler(activity, remote)
        IncomingActivity.objects.create(
            activity_id=first_of(activity.get("id"))[:500] or remote.uri,
            activity_type=str(kind)[:20],
            remote=remote,
            outcome=outcome,
            detail=detail[:300],
        )
    return outcome


# Our posts


def post_for_object(object_id):
    """The live public post an object id or URL of ours names."""
    page_id = actors.page_id_of_object(object_id)
    if page_id is not None:
        return BlogPage.objects.live().public().filter(pk=page_id).specific().first()
    return post_for_url(object_id) if object_id else None


def accepts_replies(post):
    return post is not None and post.comments_open()


# Follow


def our_actor_named_by(actor_uri):
    """Our actor whose id is `actor_uri` (its keys made if need be), or None."""
    for language, username in actors.configured_usernames().items():
        if actors.absolute(reverse("fediverse-actor", args=[username])) == actor_uri:
            return actors.actor_for_language(language)
    return None


def follow(activity, remote):
    actor = our_actor_named_by(first_of(activity.get("object")))
    if actor is None:
        return Outcome.IGNORED, "not one of our actors"
    Follower.objects.update_or_create(
        actor=actor,
        remote=remote,
        defaults={"follow_id": first_of(activity.get("id"))[:500] or remote.uri},
    )
    from .delivery import send_accept

    send_accept(actor, remote, activity)
    return Outcome.FOLLOWED, str(actor)


# Replies


def note_fields(note, remote):
    url = first_of(note.get("url")) or first_of(note.get("id"))
    return {
        "kind": Kind.FEDIVERSE,
        "comment": plain_text(note.get("content")) or "…",
        "user_name": remote.display_name[:50],
        "user_url": (remote.profile_url or remote.uri)[:200],
        "user_email": "",
        "source_url": url[:500],
        "source_site_name": remote.domain[:200],
        "source_title": "",
        "source_excerpt": "",
    }


def thread_place(in_reply_to):
    """(post, parent comment or None) that `in_reply_to` names."""
    entry = (
        RemoteEntry.objects.select_related("comment")
        .filter(object_id=in_reply_to)
        .first()
    )
    if entry is not None:
        parent = entry.comment
        post = (
            BlogPage.objects.live()
            .public()
            .filter(pk=parent.object_pk)
            .specific()
            .first()
        )
        while parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            parent = BlogComment.objects.get(pk=parent.parent_id)
        return post, parent
    return post_for_object(in_reply_to), None


def create(activity, remote):
    note = activity.get("object")
    if not isinstance(note, dict) or note.get("type") != "Note":
        return Outcome.IGNORED, "not a Note"
    note_id = first_of(note.get("id"))
    if not note_id or RemoteEntry.objects.filter(object_id=note_id).exists():
        return Outcome.IGNORED, "no id, or already stored"
    if first_of(note.get("attributedTo")) not in ("", remote.uri):
        return Outcome.IGNORED, "attributed to another actor"
    post, parent = thread_place(first_of(note.get("inReplyTo")))
    if not accepts_replies(post):
        return Outcome.IGNORED, "not a reply to a post open for comments"
    fields = note_fields(note, remote)
    verdict = judge_linkback(fields)
    if verdict.decision is Decision.DISCARD:
        return Outcome.DISCARDED, note_id
    published = parse_datetime(str(note.get("published") or "")) or timezone.now()
    comment = BlogComment(
        content_type=ContentType.objects.get_for_model(type(post)),
        object_pk=str(post.pk),
        site_id=settings.SITE_ID,
        language=post.locale.language_code,
        submit_date=min(published, timezone.now()),
        is_public=verdict.decision is Decision.PUBLISH,
        hold_reason=verdict.reason,
        parent_id=parent.pk if parent else 0,
        **fields,
    )
    comment.save()
    try:
        with transaction.atomic():
            RemoteEntry.objects.create(
                object_id=note_id, remote=remote, comment=comment
            )
    except IntegrityError:  # the same note delivered twice at once
        comment.delete()
        return Outcome.IGNORED, "already stored"
    if not comment.is_public:
        emails.notify_moderators(comment, post)
        return Outcome.HELD, note_id
    return Outcome.COMMENT, note_id


def own_entry(object_id, remote):
    return (
        RemoteEntry.objects.select_related("comment")
        .filter(object_id=object_id, remote=remote)
        .first()
    )


def update(activity, remote):
    note = activity.get("object")
    if not isinstance(note, dict) or note.get("type") != "Note":
        return Outcome.IGNORED, "not a Note"
    entry = own_entry(first_of(note.get("id")), remote)
    if entry is None:
        return Outcome.IGNORED, "no entry of this actor"
    comment = entry.comment
    fields = note_fields(note, remote)
    verdict = judge(fields, member=True)
    comment.comment = fields["comment"]
    comment.user_name = fields["user_name"]
    if verdict.decision is Decision.DISCARD:
        comment.is_removed = True
    elif verdict.decision is Decision.HOLD:
        comment.is_public = False
        comment.hold_reason = verdict.reason
    comment.save()
    return Outcome.UPDATED, entry.object_id


def remove_entry(entry):
    comment = entry.comment
    if not comment.is_removed:
        comment.is_removed = True
        comment.save(update_fields=["is_removed"])


def delete(activity, remote):
    object_id = first_of(activity.get("object"))
    if object_id == remote.uri:  # the account itself is gone
        for entry in RemoteEntry.objects.select_related("comment").filter(
            remote=remote
        ):
            remove_entry(entry)
        RemoteLike.objects.filter(remote=remote).delete()
        Follower.objects.filter(remote=remote).delete()
        return Outcome.REMOVED, "the account was deleted"
    entry = own_entry(object_id, remote)
    if entry is None:
        return Outcome.IGNORED, "no entry of this actor"
    remove_entry(entry)
    return Outcome.REMOVED, object_id


# Boosts and favourites


def announce(activity, remote):
    post = post_for_object(first_of(activity.get("object")))
    announce_id = first_of(activity.get("id"))
    if post is None or not announce_id or not post.allow_linkbacks:
        return Outcome.IGNORED, "not a boost of a post of ours"
    if RemoteEntry.objects.filter(object_id=announce_id).exists():
        return Outcome.IGNORED, "already stored"
    fields = {
        "kind": Kind.BOOST,
        "comment": "",
        "user_name": remote.display_name[:50],
        "user_url": (remote.profile_url or remote.uri)[:200],
        "user_email": "",
        "source_url": (remote.profile_url or remote.uri)[:500],
        "source_site_name": remote.domain[:200],
    }
    verdict = judge_linkback(fields)
    if verdict.decision is Decision.DISCARD:
        return Outcome.DISCARDED, announce_id
    comment = BlogComment.objects.create(
        content_type=ContentType.objects.get_for_model(type(post)),
        object_pk=str(post.pk),
        site_id=settings.SITE_ID,
        language=post.locale.language_code,
        submit_date=timezone.now(),
        is_public=verdict.decision is Decision.PUBLISH,
        hold_reason=verdict.reason,
        **fields,
    )
    RemoteEntry.objects.create(object_id=announce_id, remote=remote, comment=comment)
    if not comment.is_public:
        emails.notify_moderators(comment, post)
    return Outcome.BOOST, announce_id


def like(activity, remote):
    post = post_for_object(first_of(activity.get("object")))
    if post is None:
        return Outcome.IGNORED, "not a post of ours"
    RemoteLike.objects.update_or_create(
        page=post,
        remote=remote,
        defaults={"activity_id": first_of(activity.get("id"))[:500]},
    )
    from blog.cache import purge_post

    purge_post(post, listings=False)
    return Outcome.LIKE, str(post.pk)


def undo(activity, remote):
    inner = activity.get("object")
    inner_id = first_of(inner)
    inner_type = inner.get("type") if isinstance(inner, dict) else None
    if inner_type in (None, "Follow"):
        follows = Follower.objects.filter(remote=remote)
        if inner_type is None:
            follows = follows.filter(follow_id=inner_id)
        else:  # the Follow embedded: unfollow the actor it names
            followed = our_actor_named_by(first_of(inner.get("object")))
            follows = follows.filter(actor=followed)
        if follows.delete()[0]:
            return Outcome.UNFOLLOWED, inner_id
    if inner_type in (None, "Like"):
        likes = RemoteLike.objects.filter(remote=remote)
        if inner_type == "Like":
            target = post_for_object(first_of(inner.get("object")))
            likes = likes.filter(page_id=target.pk if target else None)
        else:
            likes = likes.filter(activity_id=inner_id)
        pages = list(likes.values_list("page_id", flat=True))
        if likes.delete()[0]:
            from blog.cache import purge_post

            for post in BlogPage.objects.filter(pk__in=pages).specific():
                purge_post(post, listings=False)
            return Outcome.UNDONE, inner_id
    entry = own_entry(inner_id, remote)
    if entry is not None:
        remove_entry(entry)
        return Outcome.UNDONE, inner_id
    return Outcome.IGNORED, "nothing to undo"


HANDLERS = {
    "Follow": follow,
    "Create": create,
    "Update": update,
    "Delete": delete,
    "Announce": announce,
    "Like": like,
    "Undo": undo,
}
