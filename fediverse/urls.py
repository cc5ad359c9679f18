"""ActivityPub and WebFinger, outside the language prefix (other servers
POST to the inboxes; a redirect would drop the body)."""

from django.urls import path

from . import inbox, views

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="fediverse-webfinger"),
    path("fediverse/inbox/", inbox.inbox, name="fediverse-shared-inbox"),
    path("fediverse/actors/<str:username>/", views.actor, name="fediverse-actor"),
    path(
        "fediverse/actors/<str:username>/inbox/",
        inbox.inbox,
        name="fediverse-inbox",
    ),
    path(
        "fediverse/actors/<str:username>/followers/",
        views.followers,
        name="fediverse-followers",
    ),
    path(
        "fediverse/actors/<str:username>/outbox/",
        views.outbox,
        name="fediverse-outbox",
    ),
    path("fediverse/posts/<int:page_id>/", views.post, name="fediverse-post"),
    path(
        "fediverse/comments/<int:comment_id>/",
        views.comment,
        name="fediverse-comment",
    ),
]
