"""The one-click unsubscribe URL (RFC 8058), outside the language prefixes:
the redirect to a prefix would drop a POST's body."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "subscriptions/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="subscriptions_unsubscribe",
    ),
]
