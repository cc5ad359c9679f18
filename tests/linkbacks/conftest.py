"""Fixtures of the linkback tests: the blog's module-scoped pages (see
tests/blog/conftest.py), local HTTP servers playing the other sites, and
helpers to send notifications and read the thread."""

import xmlrpc.client

import pytest

from blog.models import BlogComment
from tests.blog.conftest import (  # noqa: F401 (fixtures used by these tests)
    blog,
    homes,
    make_post,
    module_db,
    site_locales,
)
from tests.httpservers import LocalHTTPServer


@pytest.fixture
def other_site():
    """Another blog, on 127.0.0.1 (test settings allow loopback)."""
    with LocalHTTPServer() as server:
        yield server


def page_linking_to(target, *, title="Libraries in Kumasi", extra="", head=""):
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>"
        "<article><p>Our enquiry desk has been busy all term, and the short-loan "
        "shelf that a partner library suggested has changed how students find "
        f'textbooks. As <a href="{target}">the third round of the mentoring '
        "programme</a> kicked off with getting-to-know-you questions, we wrote "
        f"down what a normal day looks like for us.</p>{extra}</article>"
        "</body></html>"
    )


def pingback_call(source, target, method="pingback.ping"):
    return xmlrpc.client.dumps((source, target), method).encode()


def post_pingback(client, source, target, **extra):
    return client.post(
        "/xmlrpc/", pingback_call(source, target), content_type="text/xml", **extra
    )


def read_answer(response):
    """(result, None) or (None, fault) of an XML-RPC answer."""
    try:
        (result,), _method = xmlrpc.client.loads(response.content)
    except xmlrpc.client.Fault as fault:
        return None, fault
    return result, None


def entries(post):
    return list(
        BlogComment.objects.for_page(post)
        .exclude(kind=BlogComment.Kind.COMMENT)
        .order_by("pk")
    )


def known_site(post, server):
    """A linkback from `server`'s host that a moderator approved before, so
    the next one from that site is published without waiting."""
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        kind=BlogComment.Kind.PINGBACK,
        source_url=server.url("/earlier-post"),
        source_title="An earlier post",
        comment="An earlier post",
        user_name="127.0.0.1",
        is_public=True,
    )
