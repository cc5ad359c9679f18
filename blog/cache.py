"""Purges of the page cache caused by the discussion: a comment, reply or
linkback that appears, changes or goes, and likes (website.pagecache).

A comment that readers neither saw before a save nor see after it (a new
one waiting for moderation) purges nothing; approving it purges.
Linkbacks are comments of another kind and purge the same way; code that
changes a post's discussion without saving a comment (a queryset update)
calls `purge_post(post)`.
"""

from django.db.models.signals import post_delete, post_init, post_save

from website.pagecache import purge_page_on_commit


def purge_post(post, *, listings=True):
    """After the commit, drop `post` from the page cache; with `listings`,
    also its other languages, its blog index, archives, feeds and the home
    page (they show comment counts)."""
    purge_page_on_commit(post.specific, related=listings)


def shown(comment):
    return comment.is_public and not comment.is_removed and not comment.is_spam


def comment_loaded(sender, instance, **kwargs):
    instance._shown_when_loaded = shown(instance)


def comment_saved(sender, instance, raw=False, **kwargs):
    """Purge when readers saw it before this save or see it after."""
    if raw:
        return
    was_shown = getattr(instance, "_shown_when_loaded", True)
    instance._shown_when_loaded = shown(instance)
    if not (was_shown or instance._shown_when_loaded):
        return  # held, still held: nothing readers see has changed
    post = instance.content_object
    if post is not None:
        purge_post(post)


def comment_deleted(sender, instance, **kwargs):
    if getattr(instance, "_shown_when_loaded", True) or shown(instance):
        post = instance.content_object
        if post is not None:
            purge_post(post)


def connect():
    from .models import BlogComment

    post_init.connect(
        comment_loaded, sender=BlogComment, dispatch_uid="blog-cache-init"
    )
    post_save.connect(comment_saved, sender=BlogComment, dispatch_uid="blog-cache")
    post_delete.connect(
        comment_deleted, sender=BlogComment, dispatch_uid="blog-cache-delete"
    )
