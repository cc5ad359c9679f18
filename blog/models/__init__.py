from .pages import (
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageRelatedPost,
    BlogPageTag,
    DiscussionTopicPage,
)
from .snippets import Author, Category

__all__ = [
    "Author",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageAuthor",
    "BlogPageRelatedPost",
    "BlogPageTag",
    "Category",
    "DiscussionTopicPage",
]
