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

When such a reply stops being shown here (a moderator removes it or marks
it as spam, its author has it erased, or it is deleted), a Delete of the
Note follows to every inbox its Create was queued for, once, and a Create
still waiting for its turn is not sent. The note's URL then answers 410
Gone. Approving the reply again later sends nothing more: servers keep a
tombstone for a deleted note's id and would refuse it.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, linebreaks

from blog.comments.signals import comments_published, comments_withdrawn
from blog.models import BlogComment, BlogPage

from . import actors, documents
from .models import Delivery, RemoteEntry


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


@receiver(comments_withdrawn, sender=BlogComment)
def comments_hidden(sender, comments, **kwargs):
    ids = [comment.pk for comment in comments]
    transaction.on_commit(lambda: withdraw_replies(ids))


@receiver(post_save, sender=BlogComment)
def comment_hidden_on_save(sender, instance, created=False, raw=False, **kwargs):
    """A reply hidden by an edit in the admin (e.g. its "removed" box)."""
    if not raw and not created and not is_visible(instance):
        comment_id = instance.pk
        transaction.on_commit(lambda: withdraw_replies([comment_id]))


@receiver(post_delete, sender=BlogComment)
def comment_deleted(sender, instance, **kwargs):
    comment_id = instance.pk
    transaction.on_commit(lambda: withdraw_replies([comment_id]))


def withdraw_replies(comment_ids):
    """Delete on the fediverse the replies of `comment_ids` whose Create was
    queued; returns how many Deletes were queued."""
    from .delivery import queue

    queued = 0
    for comment_id in comment_ids:
        note = note_id(comment_id)
        creates = Delivery.objects.filter(
            activity_id=documents.activity_id(note, "create")
        )
        with transaction.atomic():
            # Every inbox the Create may have reached gets the Delete (a
            # server that never had the note ignores it); one not sent yet
            # is never sent.
            targets = [
                delivery
                for delivery in creates.select_for_update().select_related("actor")
                if delivery.state != Delivery.State.GIVEN_UP
            ]
            creates.filter(
                state__in=[Delivery.State.PENDING, Delivery.State.RETRYING]
            ).update(
                state=Delivery.State.GIVEN_UP,
                last_error="The reply was withdrawn before it was delivered.",
            )
            for actor in {delivery.actor for delivery in targets}:
                inboxes = [d.inbox for d in targets if d.actor_id == actor.pk]
                tombstone = {"id": note, "type": "Tombstone"}
                body = documents.activity("Delete", actor, tombstone, suffix="delete")
                queued += queue(actor, body, inboxes, page_id=None)
    return queued
