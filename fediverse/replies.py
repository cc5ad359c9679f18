"""A reply written on our site to a fediverse comment goes to its author,
so the conversation continues on both sides.

When a comment of ours is saved published (neither removed nor spam) and
its parent is a reply that came from the fediverse, a Create(Note) by the
blog actor of the post's language is delivered to that author's inbox
(through the same queue as posts: signed, retried). The Note mentions the
author (so Mastodon threads and notifies it), says who wrote it, and
replies to their note; it is served at `/fediverse/comments/<id>/`. The
delivery's unique activity id makes it once per comment, however often the
comment is saved or approved. A reply held for a moderator is sent when
the moderator approves it, one by one or in bulk: that approval is one
UPDATE without post_save, and sends `comments_published` instead.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, linebreaks

from blog.comments.signals import comments_published
from blog.models import BlogComment, BlogPage

from . import actors, documents
from .models import RemoteEntry


def note_id(comment_id):
    return actors.absolute(reverse("fediverse-comment", args=[comment_id]))


def is_visible(comment):
    return comment.is_public and not comment.is_removed and not comment.is_spam


@receiver(post_save, sender=BlogComment)
def comment_saved(sender, instance, raw=False, **kwargs):
    if (
        raw
        or instance.kind != BlogComment.Kind.COMMENT
        or not is_visible(instance)
        or not instance.parent_id
        or instance.parent_id == instance.pk
    ):
        return
    comment_id = instance.pk
    transaction.on_commit(lambda: send_reply(comment_id))


@receiver(comments_published, sender=BlogComment)
def comments_approved(sender, comments, **kwargs):
    """Replies a moderator approved (see blog.comments.signals); send_reply
    sends only replies of ours to fediverse comments."""
    ids = [
        comment.pk
        for comment in comments
        if comment.kind == BlogComment.Kind.COMMENT and comment.parent_id != comment.pk
    ]
    if ids:
        transaction.on_commit(lambda: send_replies(ids))


def send_replies(comment_ids):
    for comment_id in comment_ids:
        send_reply(comment_id)


def parent_entry(comment):
    return (
        RemoteEntry.objects.select_related("remote", "comment")
        .filter(comment_id=comment.parent_id, comment__kind=BlogComment.Kind.FEDIVERSE)
        .first()
    )


def note(comment, post, actor, entry):
    remote = entry.remote
    handle = f"@{remote.username}@{remote.domain}" if remote.username else remote.uri
    mention = (
        f'<span class="h-card"><a href="{escape(remote.profile_url or remote.uri)}" '
        f'class="u-url mention">@{escape(remote.username or remote.domain)}</a></span>'
    )
    text = linebreaks(escape(comment.comment))
    # In the language of the post (the actor's): "a former member" is
    # words, not a stored name.
    with translation.override(post.locale.language_code):
        author = comment.author_name
    return {
        "id": note_id(comment.pk),
        "type": "Note",
        "attributedTo": actors.actor_id(actor),
        "inReplyTo": entry.object_id,
        "content": f"<p>{mention} {escape(author)}:</p>{text}",
        "url": f"{post.get_full_url()}#c{comment.pk}",
        "published": documents.iso(comment.submit_date),
        "to": [documents.AS_PUBLIC],
        "cc": [remote.uri, actors.followers_url(actor)],
        "tag": [{"type": "Mention", "href": remote.uri, "name": handle}],
    }


def note_for(comment_id):
    """(note, actor, entry) of a visible reply of ours to a fediverse
    comment, or None."""
    comment = BlogComment.objects.filter(pk=comment_id).first()
    if comment is None or not is_visible(comment):
        return None
    entry = parent_entry(comment)
    post = (
        BlogPage.objects.live().public().filter(pk=comment.object_pk).specific().first()
    )
    if entry is None or post is None:
        return None
    actor = actors.actor_for_language(post.locale.language_code)
    if actor is None:
        return None
    return note(comment, post, actor, entry), actor, entry


def send_reply(comment_id):
    found = note_for(comment_id)
    if found is None:
        return 0
    body, actor, entry = found
    activity = documents.activity("Create", actor, body, suffix="create")
    activity["cc"] = body["cc"]
    from .delivery import queue

    return queue(actor, activity, [entry.remote.inbox], page_id=None)
