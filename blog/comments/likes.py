"""Likes: a member likes or unlikes a post with a form POST (no
JavaScript needed), then goes back to the post. GET gives the button (a
fragment of the cached post page, see website.fragments).

With JavaScript (`blog/js/likes.js`) the form is sent in the background
with `X-Fragment: 1`, and the answer is the post's likes block (count,
members, button) to put in place: no page reload. Either way the answer is
never cached, and the page cache is purged as for any like."""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Window
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from website import ratelimit
from website.fragments import HEADER, is_fragment_request, render_fragment

from ..cache import purge_post
from ..models import PostLike
from .views import Refusal, post_or_refusal, refuse

LIKERS_SHOWN = 12
# Likes counted elsewhere, shown beside the members' ("and 12 on the
# fediverse"): {name: function(post id) -> count}, filled in by the apps
# that count them (fediverse/apps.py), so the blog imports none of them.
EXTRA_LIKE_COUNTS = {}
LIKES_RATE_LIMIT = (30, 60)  # likes and unlikes per member, per minute


@require_http_methods(["GET", "POST"])
def like(request, post_id):
    """GET: the Like/Unlike button (a log-in link for anonymous readers).
    POST: like or unlike (`action` = like | unlike), then go back."""
    try:
        post = post_or_refusal(post_id)
    except Refusal as refusal:
        return refuse(request, refusal)
    if request.method == "GET":
        return like_button(request, post)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    limit, window = LIKES_RATE_LIMIT
    if not ratelimit.allow("like", request.user.pk, limit, window):
        return render(request, "blog/comments/rate_limited.html", status=429)
    if request.POST.get("action") == "unlike":
        PostLike.objects.filter(page=post, user=request.user).delete()
    else:
        # One INSERT that does nothing when the like exists: two clicks at
        # once still make one like.
        PostLike.objects.bulk_create(
            [PostLike(page=post, user=request.user)], ignore_conflicts=True
        )
    purge_post(post, listings=False)  # the count and names are on the post
    if is_fragment_request(request):
        return likes_block(request, post)
    return redirect(f"{post.get_url(request)}#likes")


def summary(post, user):
    """`count`, `likers` (the first members, with profiles) and `liked`
    (whether `user` likes the post)."""
    likes = PostLike.objects.filter(page_id=post.pk)
    # The first likers and, on each of their rows, how many like the post
    # (a window count): one query whatever the number of likes.
    first = list(
        likes.select_related("user__profile")
        # What a member's name and initials are made of.
        .only(
            "user__first_name",
            "user__last_name",
            "user__email",
            "user__username",
            "user__profile__display_name",
        )
        .annotate(total=Window(Count("pk")))
        .order_by("created_at", "pk")[:LIKERS_SHOWN]
    )
    likers = [like.user for like in first]
    count = first[0].total if first else 0
    liked = user.is_authenticated and (
        any(liker.pk == user.pk for liker in likers)
        or likes.filter(user_id=user.pk).exists()
    )
    extra = {name: count_of(post.pk) for name, count_of in EXTRA_LIKE_COUNTS.items()}
    return {"count": count, "likers": likers, "liked": liked, **extra}


def likes_block(request, post):
    """The likes block of `post` with its button in place (for likes.js)."""
    likes = summary(post, request.user)
    with translation.override(post.locale.language_code):
        response = render(
            request,
            "blog/includes/likes.html",
            {"post": post, "likes": likes, "liked": likes["liked"], "button": True},
        )
    response[HEADER] = "1"
    patch_vary_headers(response, [HEADER])
    add_never_cache_headers(response)
    return response


def like_button(request, post):
    user = request.user
    liked = (
        user.is_authenticated
        and PostLike.objects.filter(page=post, user_id=user.pk).exists()
    )
    with translation.override(post.locale.language_code):
        return render_fragment(
            request,
            "blog/fragments/like_button.html",
            {"post": post, "liked": liked},
            heading=_("Like this post"),
            back_url=f"{post.url}#likes",
            back_title=post.title,
        )
