"""The blog's section of the home page: the latest posts in the reader's
language."""

from website.request_memo import public

from .models import BlogIndexPage, BlogPage
from .models.pages import attach_listing_data

# The newest leads the home page; the next three follow the open round and
# election.
LATEST = 4


def latest_posts(request, locale):
    posts = list(
        public(BlogPage.objects.live())
        .filter(locale=locale)
        .newest_first()
        .with_listing_relations()[:LATEST]
    )
    if not posts:
        return None
    blog_index = BlogIndexPage.objects.live().filter(locale=locale).first()
    return {
        "posts": attach_listing_data(posts, locale),
        "blog_index": blog_index,
    }
