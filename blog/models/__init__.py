from .comments import BlogComment, CommentModerationSettings, PostLike
from .pages import (
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageRelatedPost,
    BlogPageTag,
    DiscussionTopicPage,
)
from .snippets import Author, Category, TagName, tags_in_language

__all__ = [
    "Author",
    "BlogComment",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageAuthor",
    "BlogPageRelatedPost",
    "BlogPageTag",
    "Category",
    "CommentModerationSettings",
    "DiscussionTopicPage",
    "PostLike",
    "TagName",
    "tags_in_language",
]
