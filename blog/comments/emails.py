"""The emails of the comments: confirmation requests, follow-up notices
(with a one-click unsubscribe) and notices of held comments to moderators.
Every one goes through the outbox, in the language of the post."""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import lazy

from website import outbox

from ..models import BlogComment

MUTE_SALT = "blog.comments.mute"
# The URL names of the comment viewset in the admin (blog/comments/admin.py).
ADMIN_URLS = "wagtailsnippets_blog_blogcomment"


def digest(value):
    return hashlib.sha256(str(value).encode()).hexdigest()[:40]


def send_confirmation(request, fields, key, page):
    """Ask an anonymous commenter to confirm their comment by email."""
    url = request.build_absolute_uri(reverse("comments-confirm", args=[key]))
    outbox.send(
        "blog/email/comment_confirmation",
        fields["user_email"],
        {
            "name": fields["user_name"],
            "comment": fields["comment"],
            "page": page,
            "page_url": page.get_full_url(request),
            "confirmation_url": url,
        },
        key=f"comment-confirm:{digest(key)}",
        language=page.locale.language_code,
        secrets=[key],
    )


def mute_token(page, email):
    return signing.dumps({"p": page.pk, "e": email.lower()}, salt=MUTE_SALT)


def read_mute_token(token):
    """(page id, email) from a token made by `mute_token`; raises
    `signing.BadSignature` when it was not."""
    data = signing.loads(token, salt=MUTE_SALT)
    return int(data["p"]), str(data["e"])


def author_of(comment):
    """The author's name, worked out when the email is written, in its
    language ("a former member" is words, not a stored name)."""
    return lazy(lambda: str(comment.author_name), str)()


def notify_followers(request, comment, page):
    """Tell everyone who asked to follow this post's thread about a newly
    published comment (not its own author)."""
    followers = {}
    for name, email in (
        BlogComment.objects.for_page(page)
        .visible()
        .filter(followup=True)
        .exclude(user_email__iexact=comment.user_email)
        .exclude(user_email="")
        .order_by("pk")
        .values_list("user_name", "user_email")
    ):
        followers.setdefault(email.lower(), name)
    for email, name in followers.items():
        token = mute_token(page, email)
        unsubscribe = request.build_absolute_uri(reverse("comments-mute", args=[token]))
        outbox.send(
            "blog/email/comment_followup",
            email,
            {
                "name": name,
                "comment": comment,
                "author": author_of(comment),
                "linkback_site": comment.source_site_name or comment.user_name
                if comment.is_linkback
                else "",
                "page": page,
                "comment_url": request.build_absolute_uri(comment.get_absolute_url()),
                "unsubscribe_url": unsubscribe,
            },
            key=f"comment-followup:{comment.pk}:{digest(email)}",
            language=page.locale.language_code,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            secrets=[token],
        )


def moderators():
    """Active members who may moderate comments."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="change_blogcomment")
        | Q(groups__permissions__codename="change_blogcomment")
    ).distinct()


def notify_moderators(comment, page):
    """Tell moderators that a comment or linkback waits for them, with a
    link to its moderation view and why it waits (from a request or a
    background task: the admin's address is the configured one,
    WAGTAILADMIN_BASE_URL)."""
    admin = settings.WAGTAILADMIN_BASE_URL
    comment_url = admin + reverse(f"{ADMIN_URLS}:inspect", args=[comment.pk])
    queue_url = admin + reverse(f"{ADMIN_URLS}:list") + "?status=pending"
    for user in moderators():
        profile = getattr(user, "profile", None)
        outbox.send(
            "blog/email/comment_held",
            user.email,
            {
                "comment": comment,
                "author": author_of(comment),
                "linkback_site": comment.source_site_name or comment.user_name
                if comment.is_linkback
                else "",
                "page": page,
                "comment_url": comment_url,
                "queue_url": queue_url,
            },
            key=f"comment-held:{comment.pk}:{user.pk}",
            language=profile.language if profile else page.locale.language_code,
        )
