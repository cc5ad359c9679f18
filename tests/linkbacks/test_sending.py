"""Linkbacks out: publishing a post notifies the pages it links to (local
servers playing other blogs), once per link, and links between our own
posts become entries directly."""

import xmlrpc.client
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from blog.models import BlogComment
from linkbacks.models import SentLinkback
from tests.blog.conftest import publish
from tests.httpservers import HTML

from .conftest import entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def blogs(other_site):
    """One server playing three blogs: one with a Webmention endpoint, one
    with only a Pingback server, one with neither."""
    other_site.route(
        "/webmention-blog/post",
        headers={
            "Content-Type": HTML,
            "Link": '</webmention-blog/wm>; rel="webmention"',
        },
        body=b"<html><body>A post</body></html>",
    )
    other_site.route("/webmention-blog/wm", status=202, body=b"Accepted")
    other_site.route(
        "/pingback-blog/post",
        headers={"Content-Type": HTML, "X-Pingback": "/pingback-blog/xmlrpc.php"},
        body=b"<html><body>A post</body></html>",
    )
    other_site.route(
        "/pingback-blog/xmlrpc.php",
        headers={"Content-Type": "text/xml"},
        body=xmlrpc.client.dumps(
            ("Pingback registered.",), methodresponse=True
        ).encode(),
    )
    other_site.html("/plain-blog/post", "<html><body>No endpoint</body></html>")
    return other_site


def paragraph(*links):
    anchors = " and ".join(f'<a href="{url}">this post</a>' for url in links)
    return [("paragraph", f"<p>We enjoyed reading {anchors} about mentoring.</p>")]


def publish_sending(post, capture, settings):
    settings.LINKBACKS_SEND = True
    with capture(execute=True):
        publish(post)


def requests_to(server, path):
    return [request for request in server.requests if request.path == path]


def test_publishing_notifies_webmention_then_pingback_and_records_each_result(
    make_post, blogs, settings, django_capture_on_commit_callbacks
):
    links = [
        blogs.url("/webmention-blog/post"),
        blogs.url("/pingback-blog/post"),
        blogs.url("/plain-blog/post"),
        "http://10.0.0.1/intranet",
    ]
    post = make_post(title="Partners across countries", body=paragraph(*links))

    publish_sending(post, django_capture_on_commit_callbacks, settings)

    source = post.get_full_url()
    (webmention,) = requests_to(blogs, "/webmention-blog/wm")
    assert parse_qs(webmention.body.decode()) == {
        "source": [source],
        "target": [links[0]],
    }
    (pingback,) = requests_to(blogs, "/pingback-blog/xmlrpc.php")
    assert xmlrpc.client.loads(pingback.body) == ((source, links[1]), "pingback.ping")
    results = {
        sent.target: (sent.protocol, sent.status)
        for sent in SentLinkback.objects.filter(page=post)
    }
    assert results == {
        links[0]: ("webmention", "sent"),
        links[1]: ("pingback", "sent"),
        links[2]: ("", "no_endpoint"),
        links[3]: ("", "failed"),
    }


def test_each_link_is_notified_once_and_new_links_on_republishing(
    make_post, blogs, settings, django_capture_on_commit_callbacks
):
    first = blogs.url("/webmention-blog/post")
    post = make_post(title="Second batch of matches", body=paragraph(first))
    publish_sending(post, django_capture_on_commit_callbacks, settings)

    publish_sending(post, django_capture_on_commit_callbacks, settings)
    assert len(requests_to(blogs, "/webmention-blog/wm")) == 1

    post.body = paragraph(first, blogs.url("/pingback-blog/post"))
    publish_sending(post, django_capture_on_commit_callbacks, settings)
    assert len(requests_to(blogs, "/webmention-blog/wm")) == 1
    assert len(requests_to(blogs, "/pingback-blog/xmlrpc.php")) == 1


def test_a_link_to_one_of_our_posts_becomes_an_entry_without_http(
    client, make_post, settings, django_capture_on_commit_callbacks
):
    linked = make_post(title="Discussion topic: Getting to know you", topic=True)
    post = make_post(title="How round 3 went", body=paragraph(linked.get_full_url()))

    publish_sending(post, django_capture_on_commit_callbacks, settings)

    (entry,) = entries(linked)
    assert entry.kind == BlogComment.Kind.PINGBACK and entry.is_public
    assert entry.source_url == post.get_full_url()
    assert entry.source_title == "How round 3 went"
    sent = SentLinkback.objects.get(page=post)  # no HTTP: localhost:80 is closed
    assert (sent.protocol, sent.status) == ("internal", "sent")
    page = client.get(linked.url).content.decode()
    assert "How round 3 went</a>" in page
    assert "We enjoyed reading this post about mentoring." in page


def test_the_admin_lists_what_was_sent_and_received_read_only(
    admin_client, make_post, blogs, settings, django_capture_on_commit_callbacks
):
    post = make_post(title="Results", body=paragraph(blogs.url("/plain-blog/post")))
    publish_sending(post, django_capture_on_commit_callbacks, settings)

    sent = admin_client.get(reverse("sentlinkback:index"))
    received = admin_client.get(reverse("receivedlinkback:index"))

    assert sent.status_code == received.status_code == 200
    assert "/plain-blog/post" in sent.content.decode()
    assert "No endpoint found" in sent.content.decode()
    assert admin_client.get(reverse("sentlinkback:add")).status_code in (302, 403)
