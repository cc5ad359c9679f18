"""Template tags of a post's discussion: the thread, the form, the likes.

The thread is read in a fixed number of queries whatever its size: the
count, one page of top-level comments (`?cpage=`, COMMENTS_PER_PAGE a page)
and every visible entry of those threads with its author's profile; the
tree is built in Python from xtd's (thread_id, order) sequence, and its
entries are rendered in Python too (`blog.comments.rendering`).
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q

from website.views import page_number

from ..comments.forms import form_context
from ..comments.rendering import ThreadRenderer
from ..comments.text import linkify as linkify_text
from ..comments.text import safe_url
from ..models import BlogComment, PostLike

register = template.Library()

LIKERS_SHOWN = 12
COMMENTS_ONLY = "comments"


@register.filter
def linkify(text):
    """Plain text to escaped HTML with rel="nofollow ugc" links."""
    return linkify_text(text)


@register.filter
def http_url(url):
    """The URL if it is http(s), else "" (never javascript:)."""
    return safe_url(url)


@dataclass
class Node:
    comment: BlogComment
    children: list = field(default_factory=list)


def build_tree(comments):
    """Nest comments given in (thread_id, order) order; entries whose
    parent is not shown are left out with their replies."""
    roots, nodes = [], {}
    for comment in comments:
        node = Node(comment)
        if comment.level == 0:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
        else:
            continue
        nodes[comment.pk] = node
    return roots


@register.simple_tag(takes_context=True)
def comment_thread(context, post):
    """The post's thread: `count`, `nodes` (this page of threads),
    `page_obj`, `reply_to` (the comment being answered), `form`, and
    `linkback_count` and `comments_only` for the "comments only" filter."""
    request = context["request"]
    everything = BlogComment.objects.for_page(post).visible()
    # ?show=comments: the readers' comments without the linkbacks.
    comments_only = request.GET.get("show") == COMMENTS_ONLY
    visible = (
        everything.filter(kind=BlogComment.Kind.COMMENT)
        if comments_only
        else everything
    )
    thread_ids = (
        visible.filter(level=0).order_by("thread_id").values_list("pk", flat=True)
    )
    paginator = Paginator(thread_ids, settings.COMMENTS_PER_PAGE)
    page_obj = page_number(request, paginator, "cpage")
    comments = (
        visible.filter(thread_id__in=list(page_obj.object_list))
        .select_related("user__profile")
        .thread_order()
    )
    nodes = build_tree(comments)
    shown = {n.comment.pk for n in walk(nodes)}
    reply_to = request.GET.get("reply_to", "")
    reply_to = int(reply_to) if reply_to.isascii() and reply_to.isdigit() else None
    if reply_to not in shown:
        reply_to = None
    counts = everything.aggregate(
        total=Count("pk"),
        linkbacks=Count("pk", filter=~Q(kind=BlogComment.Kind.COMMENT)),
    )
    return {
        "count": counts["total"],
        "linkback_count": counts["linkbacks"],
        "comments_only": comments_only,
        "nodes": nodes,
        "page_obj": page_obj,
        "paginated": paginator.num_pages > 1,
        "reply_to": reply_to,
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
        **form_context(request, post, reply_to),
    }


@register.simple_tag(takes_context=True)
def comment_entries(context, thread, post):
    """The `<li>` entries of this page of the thread (see
    `blog.comments.rendering`)."""
    return ThreadRenderer(thread, context["request"], post).render(thread["nodes"])


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.children)


@register.simple_tag(takes_context=True)
def post_likes(context, post):
    """`count`, `likers` (the first members, with profiles) and `liked`
    (whether the reader likes the post)."""
    user = context["request"].user
    likes = PostLike.objects.filter(page_id=post.pk)
    likers = [
        like.user
        for like in likes.select_related("user__profile").order_by("created_at", "pk")[
            :LIKERS_SHOWN
        ]
    ]
    count = len(likers) if len(likers) < LIKERS_SHOWN else likes.count()
    liked = user.is_authenticated and (
        any(liker.pk == user.pk for liker in likers)
        or likes.filter(user_id=user.pk).exists()
    )
    return {"count": count, "likers": likers, "liked": liked}
