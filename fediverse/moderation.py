"""Blocking a server or an account: what they sent goes, and what they
send next is refused (`inbox.verified_activity` checks the block list
before fetching anything).

`apply_block(block)` removes their replies and boosts from the threads
(marked removed, as a moderator's removal, so the page caches are purged
by the comments' own signals), their favourites and their follows.
"""

from django.db import models, transaction

from .models import Block, Follower, RemoteActor, RemoteEntry, RemoteLike


def blocked_actors(block):
    actors = RemoteActor.objects.all()
    if block.actor_uri:
        return actors.filter(uri=block.actor_uri)
    domain = block.domain
    return actors.filter(
        models.Q(domain=domain) | models.Q(domain__endswith="." + domain)
    )


def apply_block(block):
    with transaction.atomic():
        actors = blocked_actors(block)
        for entry in RemoteEntry.objects.filter(remote__in=actors).select_related(
            "comment"
        ):
            comment = entry.comment
            if not comment.is_removed:
                comment.is_removed = True
                comment.save(update_fields=["is_removed"])
        pages = set(
            RemoteLike.objects.filter(remote__in=actors).values_list(
                "page_id", flat=True
            )
        )
        RemoteLike.objects.filter(remote__in=actors).delete()
        Follower.objects.filter(remote__in=actors).delete()
    if pages:
        from blog.cache import purge_post
        from blog.models import BlogPage

        for post in BlogPage.objects.filter(pk__in=pages).specific():
            purge_post(post, listings=False)


def block(*, domain="", actor_uri="", reason=""):
    """Block and remove at once (saving a Block also does it, on commit)."""
    made = Block.objects.create(domain=domain, actor_uri=actor_uri, reason=reason)
    apply_block(made)
    return made
