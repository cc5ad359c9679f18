"""Whatever arrives at the receivers, they answer with a status a client
can act on (2xx, a fault, or a 4xx with a message), never a 500, and keep
nothing half-written."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkbacks.models import ReceivedLinkback

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

xml_bits = st.sampled_from(
    [
        "<?xml version='1.0'?>",
        "<methodCall>",
        "</methodCall>",
        "<methodName>pingback.ping</methodName>",
        "<methodName>system.multicall</methodName>",
        "<params>",
        "</params>",
        "<param><value><string>http://localhost/en/blog/post/</string></value></param>",
        "<param><value><int>7</int></value></param>",
        "<param><value><base64>!!</base64></value></param>",
        "<param><value><dateTime.iso8601>x</dateTime.iso8601></value></param>",
        "<value><array><data>",
        "<value><struct><member><name>a</name>",
        "<!DOCTYPE x [<!ENTITY e 'e'>]>",
        "&e;",
        "\x00",
        "é",
    ]
)
xml_bodies = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(xml_bits, st.text(max_size=20)), max_size=12).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
)
urls = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "http://localhost/en/blog/post/",
            "https://elsewhere.example/p",
            "http://[::1",
            "http://a:99999/",
            "javascript:alert(1)",
            "http://" + "a" * 600,
        ]
    ),
)


@FUZZ
@given(body=xml_bodies)
def test_the_pingback_endpoint_never_fails(client, no_rate_limit, body):
    response = client.post("/xmlrpc/", body, content_type="text/xml")
    assert response.status_code in (200, 400, 413, 429)


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(["source", "target", "other"]), urls, max_size=3
    )
)
def test_the_webmention_endpoint_never_fails(client, no_rate_limit, form):
    # Examples share the test's database: compare before and after.
    before = ReceivedLinkback.objects.count()
    response = client.post("/webmention/", form)
    assert response.status_code in (202, 400, 413, 429)
    if response.status_code != 202:
        assert ReceivedLinkback.objects.count() == before


@pytest.fixture(scope="module", autouse=True)
def post(make_post):
    """The post that the fuzzer's well-formed targets name."""
    return make_post(title="Post", slug="post")


@pytest.fixture
def no_rate_limit(settings):
    """No rate limit: the fuzzer sends many requests from one address."""
    settings.LINKBACKS_RATE_LIMIT = (10**6, 1)
