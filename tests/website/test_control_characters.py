"""A NUL or another control character anywhere in what a client sends (the
path, the query string, a form field, a cookie, a linkback's percent-encoded
target) is answered with a 400 and a plain message, never a 500: PostgreSQL
refuses NUL in any string, so it must never reach a query. Line breaks and
tabs in form fields are text, and stay allowed. Run on both databases."""

import xmlrpc.client

import pytest
from django.core.cache import cache

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogComment
from linkbacks.models import ReceivedLinkback

pytestmark = pytest.mark.django_db

MESSAGE = "control character"


@pytest.fixture
def post(home):
    cache.clear()
    blog = BlogIndexPageFactory(parent=home)
    yield BlogPageFactory(parent=blog, slug="getting-to-know-you")
    cache.clear()


def assert_plain_400(response):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/blog/%00/",
        "/en/blog/getting-to-know-you%00/",
        "/en/%01/",
        "/en/blog/%1b%5b2J/",
        "/en/search/?q=%00",
        "/en/search/?q=shelf%0bmark",
        "/en/search/?%00=1",
        "/en/blog/?page=%00",
        "/feed/?%7f",
        "/comments/sent/?post=1%00&s=held",
    ],
)
def test_a_control_character_in_the_address_is_a_400(client, post, url):
    assert_plain_400(client.get(url))


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/en/accounts/login/", {"login": "ama\x00@example.org", "password": "x"}),
        ("/en/accounts/signup/", {"email": "ama@example.org\x00", "password1": "x"}),
        ("/en/search/", {"q": "\x00"}),
    ],
)
def test_a_control_character_in_a_form_field_is_a_400(client, post, url, data):
    assert_plain_400(client.post(url, data))


def test_a_comment_with_a_nul_is_refused_and_nothing_is_stored(client, post):
    response = client.post(
        "/comments/post/",
        {"comment": "Thank you\x00", "name": "Ama", "email": "ama@example.org"},
    )
    assert_plain_400(response)
    assert not BlogComment.objects.exists()


def test_a_control_character_in_a_cookie_is_a_400(client, post):
    client.cookies["sessionid"] = "a" * 20 + "\x00"
    assert_plain_400(client.get(post.url))


def test_line_breaks_and_tabs_in_a_form_field_are_text(client, post):
    response = client.post(
        "/en/accounts/login/",
        {"login": "ama@example.org", "password": "tab\there\r\nand a new line"},
    )
    assert response.status_code == 200  # the form, with its error
    assert MESSAGE not in response.text


@pytest.mark.parametrize("ending", ["%00/", "%2500/", "%00", "%0a/"])
def test_a_webmention_target_with_an_encoded_control_character_is_a_400(
    client, post, ending
):
    target = post.get_full_url().rstrip("/") + ending
    response = client.post(
        "/webmention/", {"source": "https://elsewhere.example/p", "target": target}
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert not ReceivedLinkback.objects.exists()


@pytest.mark.parametrize("ending", ["%00", "%00/", "%2500/"])
def test_a_pingback_target_with_an_encoded_control_character_is_a_fault(
    client, post, ending
):
    target = post.get_full_url().rstrip("/") + ending
    body = xmlrpc.client.dumps(
        ("https://elsewhere.example/p", target), "pingback.ping"
    ).encode()
    response = client.post("/xmlrpc/", body, content_type="text/xml")
    assert response.status_code == 200
    with pytest.raises(xmlrpc.client.Fault) as fault:
        xmlrpc.client.loads(response.content)
    assert fault.value.faultCode == 33  # not a target we know
    assert not ReceivedLinkback.objects.exists()
