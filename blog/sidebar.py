"""The blog's sidebar (beside the list of posts on wide screens, below it
on a phone): about the blog, how to follow it, its categories and its
archives by year.

Its figures take two queries, so they are kept in the cache per blog index
and dropped whenever a post is published, unpublished, moved or deleted or
a category changes (`connect()`): a listing costs no more queries than
before it had a sidebar.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

CACHE_SECONDS = 3600
KEY = "blog:sidebar:{}"


def sidebar_for(blog_index):
    """{"categories": [(name, slug)], "years": [(year, posts)]} of this
    blog (its language)."""
    from .models import Category

    key = KEY.format(blog_index.pk)
    sidebar = cache.get(key)
    if sidebar is None:
        years = (
            blog_index.posts()
            .order_by()
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(posts=Count("pk"))
            .order_by("-year")
        )
        sidebar = {
            "categories": list(
                Category.objects.filter(locale_id=blog_index.locale_id)
                .order_by("name")
                .values_list("name", "slug")
            ),
            "years": [(row["year"], row["posts"]) for row in years],
        }
        cache.set(key, sidebar, CACHE_SECONDS)
    return sidebar


def forget(*args, **kwargs):
    """Drop every blog's sidebar: now, and once the change is committed."""
    from .models import BlogIndexPage

    def drop():
        keys = [
            KEY.format(pk) for pk in BlogIndexPage.objects.values_list("pk", flat=True)
        ]
        cache.delete_many(keys)

    drop()
    transaction.on_commit(drop)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import BlogPage, Category

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"blog-sidebar-{id(signal)}")
    post_delete.connect(
        forget, sender=BlogPage, dispatch_uid="blog-sidebar-post-deleted"
    )
    post_save.connect(
        forget, sender=Category, dispatch_uid="blog-sidebar-category-saved"
    )
    post_delete.connect(
        forget, sender=Category, dispatch_uid="blog-sidebar-category-deleted"
    )
