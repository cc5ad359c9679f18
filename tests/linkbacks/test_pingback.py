"""Pingback in: the XML-RPC endpoint's answers and faults, hostile XML,
and the announcement of both receivers on posts."""

import xmlrpc.client

import pytest

from blog.models import BlogComment
from linkbacks.models import ReceivedLinkback

from .conftest import (
    entries,
    known_site,
    page_linking_to,
    pingback_call,
    post_pingback,
    read_answer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def post(make_post):
    return make_post(title="Round 3 starts")


@pytest.fixture(scope="module")
def topic(make_post):
    return make_post(title="Discussion topic: Getting to know you", topic=True)


def test_a_valid_pingback_is_verified_and_shown_as_a_pingback(
    client, django_capture_on_commit_callbacks, post, other_site
):
    known_site(post, other_site)
    target = post.get_full_url()
    source = other_site.html(
        "/kumasi",
        page_linking_to(
            target, head='<meta property="og:site_name" content="Kumasi Library">'
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = post_pingback(client, source, target)

    result, fault = read_answer(response)
    assert fault is None and "Thank you" in result
    entry = ReceivedLinkback.objects.get(source=source).comment
    assert entry.kind == BlogComment.Kind.PINGBACK and entry.is_public
    page = client.get(post.url).content.decode()
    assert "Libraries in Kumasi</a> | Kumasi Library — […]" in page


def test_a_second_pingback_for_the_same_pair_gets_fault_48(
    client, django_capture_on_commit_callbacks, post, other_site
):
    target = post.get_full_url()
    source = other_site.html("/twice", page_linking_to(target))
    with django_capture_on_commit_callbacks(execute=True):
        post_pingback(client, source, target)

    with django_capture_on_commit_callbacks(execute=True):
        _result, fault = read_answer(post_pingback(client, source, target))

    assert fault.faultCode == 48
    assert len(entries(post)) == 1
    assert other_site.paths_requested() == ["/twice", "/twice"]  # checked again


@pytest.mark.parametrize(
    ("source", "target", "code"),
    [
        ("https://elsewhere.example/p", "https://elsewhere.example/q", 33),
        ("https://elsewhere.example/p", "http://localhost/en/blog/no-such/", 33),
        ("https://elsewhere.example/p", "not a url", 33),
        ("file:///etc/passwd", "TARGET", 0),
        ("TARGET", "TARGET", 0),
    ],
)
def test_unusable_pingbacks_get_faults_that_reveal_nothing(
    client, post, source, target, code
):
    source, target = (
        post.get_full_url() if value == "TARGET" else value
        for value in (source, target)
    )

    _result, fault = read_answer(post_pingback(client, source, target))

    assert fault.faultCode == code
    assert not ReceivedLinkback.objects.exists()


def test_a_post_with_linkbacks_off_is_not_a_pingback_target(client, make_post):
    closed = make_post(title="Closed", allow_linkbacks=False)

    response = post_pingback(
        client, "https://elsewhere.example/p", closed.get_full_url()
    )

    assert read_answer(response)[1].faultCode == 33


@pytest.mark.parametrize(
    "method", ["system.multicall", "system.listMethods", "pingback.extensions.x"]
)
def test_only_pingback_ping_is_exposed(client, post, method):
    if method == "system.multicall":
        call = [
            {
                "methodName": "pingback.ping",
                "params": ["https://elsewhere.example/p", post.get_full_url()],
            }
        ]
        body = xmlrpc.client.dumps((call,), method).encode()
    else:
        body = xmlrpc.client.dumps((), method).encode()

    response = client.post("/xmlrpc/", body, content_type="text/xml")

    _result, fault = read_answer(response)
    assert fault.faultCode == -32601
    assert not ReceivedLinkback.objects.exists()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<methodCall><methodName>pingback.ping</methodName><params>
<param><value><string>&lol9;</string></value></param>
<param><value><string>TARGET</string></value></param>
</params></methodCall>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE call [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<methodCall><methodName>pingback.ping</methodName><params>
<param><value><string>&secret;</string></value></param>
<param><value><string>TARGET</string></value></param>
</params></methodCall>"""


@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_entities_are_refused_before_expansion(client, post, bomb):
    body = bomb.replace("TARGET", post.get_full_url()).encode()

    response = client.post("/xmlrpc/", body, content_type="text/xml")

    assert response.status_code == 400
    assert b"not a well-formed XML-RPC call" in response.content
    assert not ReceivedLinkback.objects.exists()


def test_bodies_over_64_kb_are_refused_unread(client, post):
    padding = "x" * (64 * 1024)
    body = pingback_call(f"https://elsewhere.example/{padding}", post.get_full_url())

    response = client.post("/xmlrpc/", body, content_type="text/xml")

    assert response.status_code == 413
    assert not ReceivedLinkback.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml",
        b"<methodCall><methodName>pingback.ping</methodName>",
        b"<methodResponse><params><param><value>1</value></param></params>"
        b"</methodResponse>",
        b"<methodCall><methodName>pingback.ping</methodName><params><param><value>"
        b"<int>nine</int></value></param></params></methodCall>",
    ],
)
def test_malformed_calls_get_a_400(client, body):
    response = client.post("/xmlrpc/", body, content_type="text/xml")
    assert response.status_code == 400


def test_wrong_parameters_get_a_fault(client, post):
    body = xmlrpc.client.dumps((1, post.get_full_url()), "pingback.ping").encode()

    _result, fault = read_answer(client.post("/xmlrpc/", body, content_type="text/xml"))

    assert fault.faultCode == -32602


def test_the_endpoint_answers_only_post(client):
    assert client.get("/xmlrpc/").status_code == 405


@pytest.mark.parametrize("kind", ["post", "topic"])
def test_posts_and_topics_announce_both_receivers(client, post, topic, kind):
    page = {"post": post, "topic": topic}[kind]

    response = client.get(page.url)

    assert response["X-Pingback"] == "http://localhost/xmlrpc/"
    assert response["Link"] == '<http://localhost/webmention/>; rel="webmention"'
    html = response.content.decode()
    assert '<link rel="pingback" href="http://localhost/xmlrpc/">' in html
    assert '<link rel="webmention" href="http://localhost/webmention/">' in html


def test_linkbacks_sit_among_comments_in_date_order_and_can_be_hidden(
    client, post, other_site
):
    def comment(text):
        return BlogComment.objects.create(
            content_object=post, site_id=1, comment=text, user_name="Reader"
        )

    comment("The first reader comment")
    known_site(post, other_site)  # "An earlier post", from another blog
    comment("The second reader comment")

    everything = client.get(post.url).content.decode()
    comments_only = client.get(post.url, {"show": "comments"}).content.decode()

    positions = [
        everything.index(text)
        for text in (
            "The first reader comment",
            'class="comment comment--pingback"',
            "An earlier post",
            "The second reader comment",
        )
    ]
    assert positions == sorted(positions)
    assert '<a href="?show=comments#comments">Show comments only</a>' in everything
    assert "An earlier post" not in comments_only
    assert "The first reader comment" in comments_only
    assert "The second reader comment" in comments_only
    assert f'<a href="{post.url}#comments">Show comments and 1 linkback</a>' in (
        comments_only
    )
