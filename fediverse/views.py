"""The ActivityPub and WebFinger documents, at their own URLs.

Every document here is JSON at a URL of its own (`/fediverse/…`,
`/.well-known/webfinger`), never the HTML page's: the page cache (keyed
on host and path) and a CDN cannot serve one in place of the other. Each
answer also says `Vary: Accept` and is never stored by the page cache
(it only stores Wagtail pages).
"""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from blog.models import BlogIndexPage, BlogPage

from . import actors, documents
from .models import Follower

JRD = "application/jrd+json"


def activity_response(document, content_type=documents.ACTIVITY_JSON):
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False),
        content_type=f"{content_type}; charset=utf-8",
    )
    patch_vary_headers(response, ["Accept"])
    patch_cache_control(response, public=True, max_age=300)
    return response


def blog_index(language):
    return (
        BlogIndexPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .first()
    )


@require_GET
def webfinger(request):
    resource = request.GET.get("resource", "")
    username = None
    if resource.startswith("acct:"):
        name, _, domain = resource[5:].lstrip("@").partition("@")
        if domain.lower() == actors.host().lower():
            username = name
    else:
        for name in actors.configured_usernames().values():
            if resource == actors.absolute(reverse("fediverse-actor", args=[name])):
                username = name
    actor = actors.actor_for_username(username) if username else None
    if actor is None:
        return not_found(404)
    index = blog_index(actor.language)
    links = [
        {
            "rel": "self",
            "type": documents.ACTIVITY_JSON,
            "href": actors.actor_id(actor),
        }
    ]
    if index is not None:
        links.append(
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": index.full_url,
            }
        )
    return activity_response(
        {
            "subject": f"acct:{actor.username}@{actors.host()}",
            "aliases": [actors.actor_id(actor)],
            "links": links,
        },
        content_type=JRD,
    )


class NotFound(Exception):
    pass


def not_found(status=410):
    """No such actor or post (any more): 410 Gone, which ActivityPub servers
    read as "deleted". Not 404: outside the language prefix LocaleMiddleware
    turns a 404 into a redirect to /en/… (WebFinger's path, which no page
    can have, keeps its 404)."""
    return JsonResponse({"error": "not found"}, status=status)


def actor_or_404(username):
    actor = actors.actor_for_username(username)
    if actor is None:
        raise NotFound
    return actor


def json_view(view):
    """`view` with NotFound answered by a plain 404."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            return not_found()

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
@json_view
def actor(request, username):
    actor = actor_or_404(username)
    return activity_response(
        documents.actor_document(actor, blog_index(actor.language))
    )


@require_GET
@json_view
def followers(request, username):
    actor = actor_or_404(username)
    return activity_response(
        {
            "@context": documents.CONTEXT[0],
            "id": actors.followers_url(actor),
            "type": "OrderedCollection",
            "totalItems": Follower.objects.filter(actor=actor).count(),
        }
    )


@require_GET
@json_view
def outbox(request, username):
    actor = actor_or_404(username)
    posts = (
        BlogPage.objects.live().public().filter(locale__language_code=actor.language)
    )
    return activity_response(
        {
            "@context": documents.CONTEXT[0],
            "id": actors.outbox_url(actor),
            "type": "OrderedCollection",
            "totalItems": posts.count(),
        }
    )


@require_GET
def post(request, page_id):
    page = BlogPage.objects.live().public().filter(pk=page_id).specific().first()
    actor = actors.actor_for_language(page.locale.language_code) if page else None
    if actor is None:
        return not_found()
    document = documents.article(page, actor)
    document["@context"] = documents.CONTEXT
    return activity_response(document)


@require_GET
def comment(request, comment_id):
    """Our reply to a fediverse comment, as the Note we delivered."""
    from .replies import note_for

    found = note_for(comment_id)
    if found is None:
        return not_found()
    document = found[0]
    document["@context"] = documents.CONTEXT
    return activity_response(document)
