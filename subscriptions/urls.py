"""Inside the language prefixes (website/urls.py includes them under
`subscriptions/`); the one-click unsubscribe URL is a machine endpoint and
stays outside them (`unsubscribe_urls.py`)."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
]
