"""The receivers, mounted at the root outside the language prefix (a
redirect to /en/ would drop the POST body)."""

from django.urls import path

from . import receive

urlpatterns = [
    path("xmlrpc/", receive.pingback, name="pingback"),
    path("webmention/", receive.webmention, name="webmention"),
]
