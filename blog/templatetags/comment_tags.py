"""Template tags of a post's discussion: the thread, the form, the likes.

The thread is read as plain values (`Entry`, with its author's name) in
two queries, whatever its size: an outline of every visible entry (id,
level and kind), then the entries of this page's threads. The outline
gives the counts of comments and linkbacks and the threads, paginated in
Python with `?cpage=` (COMMENTS_PER_PAGE a page). A short thread and one
of thousands of comments thus cost the page the same queries. The tree
is built in Python from xtd's (thread_id, order) sequence, and its
entries are rendered in Python too (`blog.comments.rendering`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext

from website.models.members import member_name
from website.views import page_number

from ..comments.forms import form_context
from ..comments.likes import summary as likes_summary
from ..comments.rendering import ThreadRenderer
from ..comments.text import linkify as linkify_text
from ..comments.text import safe_url
from ..models import BlogComment
from ..models.comments import CONVERSATION_KINDS

register = template.Library()

COMMENTS_ONLY = "comments"


@register.filter
def linkify(text):
    """Plain text to escaped HTML with rel="nofollow ugc" links."""
    return linkify_text(text)


@register.filter
def http_url(url):
    """The URL if it is http(s), else "" (never javascript:)."""
    return safe_url(url)


@dataclass(slots=True)
class Entry:
    """What the thread shows of one comment or linkback, with its replies.

    Read with `.values()`: building a model instance per entry (three
    tables of inheritance, plus the author and their profile) cost more
    than rendering it."""

    pk: int
    thread_id: int
    level: int
    parent_id: int
    kind: str
    user_url: str
    comment: str
    submit_date: datetime
    source_url: str
    source_title: str
    source_site_name: str
    source_excerpt: str
    author_name: str  # as `BlogComment.author_name` works it out
    children: list = field(default_factory=list)

    FIELDS = (
        "pk", "thread_id", "level", "parent_id", "kind", "user_url", "comment",
        "submit_date", "source_url", "source_title", "source_site_name",
        "source_excerpt",
    )  # fmt: skip
    # What `Profile.name` needs, and the name typed in the form.
    NAME_FIELDS = (
        "user__profile__pk", "user__profile__display_name", "user__first_name",
        "user__last_name", "user__email", "user__username", "user_name",
        "former_member",
    )  # fmt: skip

    @classmethod
    def read(cls, comments):
        entries = []
        anonymous = gettext("Anonymous")
        former_member = gettext("a former member")
        count = len(cls.FIELDS)
        for row in comments.values_list(*cls.FIELDS, *cls.NAME_FIELDS):
            profile, display_name, first, last, email, username, typed, former = row[
                count:
            ]
            if former:  # kept after the account was deleted
                name = former_member
            elif profile is not None:  # a member's profile name, never the email
                name = member_name(
                    display_name, f"{first} {last}".strip(), email, username
                )
            else:
                name = typed or anonymous
            entries.append(cls(*row[:count], author_name=name))
        return entries


def build_tree(entries):
    """Nest entries given in (thread_id, order) order; entries whose
    parent is not shown are left out with their replies."""
    roots, shown = [], {}
    for entry in entries:
        if entry.level == 0:
            roots.append(entry)
        elif entry.parent_id in shown:
            shown[entry.parent_id].children.append(entry)
        else:
            continue
        shown[entry.pk] = entry
    return roots


@register.simple_tag(takes_context=True)
def comment_thread(context, post):
    """The post's thread: `count`, `nodes` (this page of threads),
    `page_obj`, `reply_to` (the comment being answered) and its `form`, or
    `reply_refusal`, `comments_open`, and `linkback_count` and
    `comments_only` for the "comments only" filter."""
    request = context["request"]
    everything = BlogComment.objects.for_page(post).visible().thread_order()
    # ?show=comments: the readers' comments without the linkbacks.
    comments_only = request.GET.get("show") == COMMENTS_ONLY
    outline = list(everything.values_list("pk", "level", "kind"))
    linkback_count = sum(kind not in CONVERSATION_KINDS for _, _, kind in outline)
    # The threads (a top-level entry's pk is its thread_id), paginated.
    thread_ids = sorted(
        pk
        for pk, level, kind in outline
        if level == 0 and not (comments_only and kind not in CONVERSATION_KINDS)
    )
    paginator = Paginator(thread_ids, settings.COMMENTS_PER_PAGE)
    page_obj = page_number(request, paginator, "cpage")
    shown_threads = set(page_obj.object_list)
    if not shown_threads:
        entries = []
    elif paginator.num_pages == 1:  # every thread: no list of ids to send
        entries = [e for e in Entry.read(everything) if e.thread_id in shown_threads]
    else:
        entries = Entry.read(everything.filter(thread_id__in=shown_threads))
    if comments_only:
        entries = [e for e in entries if e.kind in CONVERSATION_KINDS]
    nodes = build_tree(entries)
    shown = {entry.pk for entry in walk(nodes)}
    comments_open = post.comments_open()
    # The comment `?reply_to=` names, checked by the page (BlogPage.get_context).
    parent = context.get("reply_parent")
    reply_to = None
    if parent is not None and parent.pk in shown and comments_open:
        reply_to = parent.pk
    return {
        "count": len(outline),
        "linkback_count": linkback_count,
        "comments_only": comments_only,
        "nodes": nodes,
        "page_obj": page_obj,
        "paginated": paginator.num_pages > 1,
        "reply_to": reply_to,
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
        "comments_open": comments_open,
        "member": request.user.is_authenticated,
        # The page's own comment form is a fragment (website/fragments.py):
        # a form is built here only for a reply form shown in the thread.
        "form": form_context(request, post, parent)["form"] if reply_to else None,
        # Why `?reply_to=` names a comment nobody can answer (a CannotReply).
        "reply_refusal": context.get("reply_refusal"),
    }


@register.simple_tag(takes_context=True)
def comment_entries(context, thread, post):
    """The `<li>` entries of this page of the thread (see
    `blog.comments.rendering`)."""
    return ThreadRenderer(thread, context["request"], post).render(thread["nodes"])


def walk(entries):
    for entry in entries:
        yield entry
        yield from walk(entry.children)


@register.simple_tag(takes_context=True)
def post_likes(context, post):
    """`count`, `likers` (the first members, with profiles) and `liked`
    (whether the reader likes the post)."""
    return likes_summary(post, context["request"].user)
