"""Comments and likes of an address (website/privacy.py's contract).

Comments are found by the address they were left with, or by the member
account that left them. Erasing keeps them as by "a former member" (name,
address, website and IP blanked, the text kept; the `former_member`
marker shows the words in each reader's language) or removes them
(`blog.comments.privacy.erase`: text replaced, hidden), at the person's
choice; either way the rows keep their place in their threads, and the
posts that showed them are purged from the page cache. Likes are deleted
(the posts that counted them purged too).
"""

from django.db import transaction
from django.db.models import Q

from website.privacy import users_with

from .cache import purge_post
from .comments import privacy as comment_privacy
from .models import BlogComment, PostLike


def comments_of(email):
    return BlogComment.objects.filter(
        Q(user_email__iexact=email) | Q(user__in=users_with(email))
    ).order_by("pk")


def likes_of(email):
    return PostLike.objects.filter(user__in=users_with(email)).select_related("page")


def export_personal_data(email):
    return {
        "comments": comment_privacy.export(comments_of(email)),
        "likes": [
            {"post": like.page.url, "title": like.page.title}
            for like in likes_of(email).order_by("pk")
        ],
    }


def erase_personal_data(email, *, keep_comments):
    with transaction.atomic():
        comments = comments_of(email)
        if keep_comments:
            for post in {c.content_object for c in comments} - {None}:
                purge_post(post)
            comments.update(
                user=None,
                user_name="",
                former_member=True,
                user_email="",
                user_url="",
                ip_address=None,
                followup=False,
            )
        else:
            ids = list(comments.values_list("pk", flat=True))
            comment_privacy.erase(BlogComment.objects.filter(pk__in=ids))
            BlogComment.objects.filter(pk__in=ids).update(user=None)
        likes = likes_of(email)
        for like in likes:
            purge_post(like.page.specific)
        likes.delete()
