"""Comment endpoints, mounted at /comments/ outside the language prefix."""

from django.urls import path

from . import likes, views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("sent/", views.sent, name="comments-sent"),
    path("confirm/<str:key>/", views.confirm, name="comments-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-mute"),
    path("form/<id:post_id>/", views.comment_form, name="comments-form"),
    path("like/<id:post_id>/", likes.like, name="comments-like"),
    path("flag/<id:comment_id>/", views.flag, name="comments-flag"),
]
