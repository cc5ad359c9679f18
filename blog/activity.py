"""The blog's sections of a member's own page (website.activity): their
comments with the state of each, and the posts they like."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website.activity import Section, verified_emails

from .models import BlogComment, PostLike

SHOWN = 50  # the newest of each; the count says how many in all


def comment_state(comment):
    """Where the member's comment stands, in their words."""
    if comment.is_removed or comment.is_spam:
        return _("Not published")
    if comment.is_public:
        return _("Published")
    return _("Awaiting moderation")


def comments(request):
    user = request.user
    mine = BlogComment.objects.filter(kind=BlogComment.Kind.COMMENT).filter(
        Q(user=user)
        # Written before they had an account, from an address they verified.
        | Q(user__isnull=True, user_email__in=verified_emails(user))
    )
    found = list(
        mine.order_by("-submit_date", "-pk").prefetch_related("content_object")[
            : SHOWN + 1
        ]
    )
    if not found:
        return None
    entries = []
    for comment in found[:SHOWN]:
        post = comment.content_object
        url = post.get_url(request) if post is not None and post.live else None
        entries.append(
            {
                "text": comment.comment,
                "date": comment.submit_date,
                "state": comment_state(comment),
                "post_title": post.title if post is not None else "",
                "url": f"{url}#c{comment.pk}" if url and comment.is_public else url,
            }
        )
    return {
        "entries": entries,
        "total": mine.count() if len(found) > SHOWN else len(found),
    }


def likes(request):
    found = list(
        PostLike.objects.filter(user=request.user, page__live=True)
        .select_related("page")
        .order_by("-created_at", "-pk")[:SHOWN]
    )
    if not found:
        return None
    return {
        "posts": [
            {"title": like.page.title, "url": like.page.get_url(request)}
            for like in found
        ]
    }


SECTIONS = [
    Section(
        key="blog-comments",
        title=_("Your comments"),
        template="blog/activity/comments.html",
        get_context=comments,
        order=20,
    ),
    Section(
        key="blog-likes",
        title=_("Posts you like"),
        template="blog/activity/likes.html",
        get_context=likes,
        order=30,
    ),
]
