"""Likes: a member likes or unlikes a post with a form POST (no
JavaScript needed), then goes back to the post."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from website import ratelimit

from ..cache import purge_post
from ..models import PostLike
from .views import Refusal, post_or_refusal, refuse

LIKES_RATE_LIMIT = (30, 60)  # likes and unlikes per member, per minute


@login_required
@require_POST
def like(request, post_id):
    """Like or unlike a post (`action` = like | unlike), then go back to it."""
    try:
        post = post_or_refusal(post_id)
    except Refusal as refusal:
        return refuse(request, refusal)
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
    return redirect(f"{post.get_url(request)}#likes")
