"""Purges of the page cache caused by the discussion: a comment, reply or
linkback that appears, changes or goes, and likes (website.pagecache).

A comment that readers neither saw before a save nor see after it (a new
one waiting for moderation) purges nothing; approving it purges.
Linkbacks are comments of another kind and purge the same way; code that
changes a post's discussion without saving a comment (a queryset update)
calls `purge_post(post)`.

Comments that close by themselves (a number of days after the post's date)
change the post alone, at midnight (TIME_ZONE): the periodic job of
website.date_changes purges it, from `posts_whose_comments_closed`.
"""

from datetime import timedelta

from django.db.models.signals import post_delete, post_init, post_save

from website.date_changes import days_begun
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


def posts_whose_comments_closed(since, now):
    """Live posts and discussion topics whose comments closed by themselves
    in (since, now]: they are open while `localdate() < comments_close_on()`,
    so they close at the first instant of that day."""
    from .models import BlogPage
    from .models.pages import CommentsPolicy

    days = days_begun(since, now)
    if not days:
        return []  # no midnight in the window: nothing can have closed
    first, last = days[0], days[-1]
    candidates = (
        BlogPage.objects.live()
        .filter(comments_policy=CommentsPolicy.AUTO_CLOSE, date__lte=last)
        .values_list("pk", "date", "comments_close_after_days")
    )
    # The closing day is computed here rather than in SQL (date arithmetic
    # differs between SQLite and PostgreSQL): only in the run that sees
    # midnight pass, once a day.
    closed = [
        pk
        for pk, date, after_days in candidates
        if first <= date + timedelta(days=after_days) <= last
    ]
    return list(BlogPage.objects.filter(pk__in=closed).specific()) if closed else []


def connect():
    from .models import BlogComment

    post_init.connect(
        comment_loaded, sender=BlogComment, dispatch_uid="blog-cache-init"
    )
    post_save.connect(comment_saved, sender=BlogComment, dispatch_uid="blog-cache")
    post_delete.connect(
        comment_deleted, sender=BlogComment, dispatch_uid="blog-cache-delete"
    )
