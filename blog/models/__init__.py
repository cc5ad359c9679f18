from .comments import (
    BlogComment,
    CannotReply,
    CommentModerationSettings,
    PostLike,
    reply_target,
)
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
    "CannotReply",
    "Category",
    "CommentModerationSettings",
    "DiscussionTopicPage",
    "PostLike",
    "reply_target",
    "TagName",
    "tags_in_language",
]
