"""The safe outbound HTTP client, against real HTTP servers on 127.0.0.1.

No test sends a packet off this machine: refused URLs are refused before any
connection (the ``network`` fixture records every connection and DNS lookup and
fails the test on anything but loopback), and the only names looked up are
``localhost`` and names the fixture answers itself.
"""

import gzip
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field

import pytest

from tests.httpservers import LocalHTTPServer, endless, in_chunks, wait_until
from website import safehttp
from website.safehttp import (
    ANY_TYPE,
    XML_TYPES,
    FetchFailed,
    TooLarge,
    TooManyRedirects,
    TooSlow,
    UnsafeURL,
    WrongContentType,
    fetch,
)

MIB = 1024 * 1024
PUBLIC_IP = "93.184.215.14"  # never contacted: every test with it expects a refusal


@dataclass
class NetworkLog:
    connections: list[str] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)
    # Names this test's resolver answers, with no packet sent: name -> address.
    fake_dns: dict[str, str] = field(default_factory=dict)


@pytest.fixture(autouse=True)
def network(monkeypatch):
    """Record connections and lookups; fail on anything that would leave the host."""
    log = NetworkLog()
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else "unix"
        log.connections.append(host)
        if host != "unix" and not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"test tried to connect to {address!r}")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        log.lookups.append(host)
        if host in log.fake_dns:
            return real_getaddrinfo(log.fake_dns[host], *args, **kwargs)
        if host != "localhost":
            try:  # literal addresses (even "127.1") are parsed, not looked up
                real_getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
            except socket.gaierror:
                raise AssertionError(f"test tried a DNS lookup of {host!r}") from None
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return log


@pytest.fixture(autouse=True)
def safe_http_settings(settings):
    """Loopback allowed for the local servers; a 1 s deadline to keep tests fast.

    The size cap is the module's own default, whatever the settings say.
    """
    settings.SAFE_HTTP_ALLOW_LOOPBACK = True
    settings.SAFE_HTTP_TIMEOUT = 1
    if hasattr(settings, "SAFE_HTTP_MAX_BYTES"):
        del settings.SAFE_HTTP_MAX_BYTES
    return settings


@pytest.fixture
def server():
    with LocalHTTPServer() as local_server:
        yield local_server


def assert_only_loopback_contacted(network):
    assert all(ipaddress.ip_address(host).is_loopback for host in network.connections)


# A normal fetch


def test_fetch_returns_the_page(server):
    url = server.html("/post", "<title>Round 3</title><p>Hello</p>")

    response = fetch(url)

    assert response.url == url
    assert response.status == 200
    assert response.ok
    assert response.content == b"<title>Round 3</title><p>Hello</p>"
    assert response.text == "<title>Round 3</title><p>Hello</p>"
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content_type == "text/html"
    assert response.history == ()


def test_fetch_identifies_the_site_and_asks_for_html(server, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://librarians.example"
    fetch(server.html("/", "<p>hi</p>"))

    sent = server.requests[-1].headers
    assert sent["User-Agent"] == (
        "LibrariansNetwork-Linkbacks/1.0 (+https://librarians.example)"
    )
    assert "text/html" in sent["Accept"]


def test_user_agent_setting_replaces_the_default(server, settings):
    settings.SAFE_HTTP_USER_AGENT = "Test-Agent/2.0"
    fetch(server.html("/", "<p>hi</p>"))

    assert server.requests[-1].headers["User-Agent"] == "Test-Agent/2.0"


@pytest.mark.parametrize(
    ("content_type", "body", "text"),
    [
        ("text/html; charset=iso-8859-1", "<p>Bogotá</p>".encode("latin-1"), "Bogotá"),
        (
            "text/html",
            '<meta charset="windows-1252"><p>“hi”</p>'.encode("cp1252"),
            "“hi”",
        ),
        (
            "text/html",
            b'<meta http-equiv="Content-Type" '
            b'content="text/html; charset=latin-1">\xe9',
            "é",
        ),
        ("text/html", "<p>中文</p>".encode(), "中文"),
        ("text/html", b"<p>broken \xff</p>", "broken \ufffd"),
        ("text/html; charset=no-such-codec", "<p>ñ</p>".encode(), "ñ"),
        ("text/html; charset=hex", "<p>ñ</p>".encode(), "ñ"),
    ],
    ids=["header", "meta", "http-equiv", "utf8", "replaced", "unknown", "not-text"],
)
def test_text_is_decoded_with_the_declared_charset(server, content_type, body, text):
    url = server.route("/", headers={"Content-Type": content_type}, body=body)

    assert text in fetch(url).text


def test_post_sends_form_data_and_returns_any_type_when_asked(server):
    url = server.route(
        "/webmention", status=202, headers={"Content-Type": "text/plain"}, body=b"ok"
    )

    response = fetch(
        url,
        method="POST",
        data={"source": "https://a.example/post", "target": "https://b.example/"},
        allowed_content_types=ANY_TYPE,
    )

    assert response.status == 202
    received = server.requests[-1]
    assert received.method == "POST"
    assert received.body == (
        b"source=https%3A%2F%2Fa.example%2Fpost&target=https%3A%2F%2Fb.example%2F"
    )


# Addresses


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",  # resolved from /etc/hosts, then refused
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f.1/",
    ],
)
def test_loopback_is_refused_unless_allowed(url, settings, network):
    settings.SAFE_HTTP_ALLOW_LOOPBACK = False

    with pytest.raises(UnsafeURL) as refusal:
        fetch(url)

    assert "is not public" in refusal.value.reason
    assert network.connections == []


def test_loopback_server_is_refused_unless_allowed(server, settings, network):
    settings.SAFE_HTTP_ALLOW_LOOPBACK = False
    url = server.html("/", "<p>hi</p>")

    with pytest.raises(UnsafeURL):
        fetch(url)

    assert network.connections == []
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://0.0.0.0/",  # reaches this host on Linux
        "http://0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://255.255.255.255/",
        "https://[::]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::7f00:1]/",  # IPv4-compatible ::127.0.0.1
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[fec0::1]/",
        "http://[ff02::1]/",
        "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
        "http://[2002:a00:1::]/",  # 6to4 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_even_with_loopback_allowed(url, network):
    with pytest.raises(UnsafeURL):
        fetch(url)

    assert network.connections == []


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "169.254.169.254", "::ffff:10.0.0.1", "::7f00:1", "fec0::1"],
)
def test_name_resolving_to_a_non_public_address_is_refused(address, network):
    network.fake_dns["evil.test"] = address

    with pytest.raises(UnsafeURL):
        fetch("http://evil.test/")

    assert network.lookups == ["evil.test"]
    assert network.connections == []


@pytest.mark.parametrize("allow_loopback", [True, False])
def test_name_resolving_to_a_public_address_on_another_port_is_refused(
    allow_loopback, settings, network
):
    settings.SAFE_HTTP_ALLOW_LOOPBACK = allow_loopback
    network.fake_dns["blog.test"] = PUBLIC_IP

    with pytest.raises(UnsafeURL) as refusal:
        fetch("http://blog.test:8080/")

    assert "port 8080" in refusal.value.reason
    assert network.connections == []


def test_name_is_resolved_once_and_the_checked_address_is_used(server, network):
    # One lookup per hop means no second answer (DNS rebinding) can be connected to.
    network.fake_dns["blog.test"] = "127.0.0.1"
    server.html("/post", "<p>hi</p>")

    response = fetch(f"http://blog.test:{server.port}/post")

    assert response.text == "<p>hi</p>"
    assert network.lookups.count("blog.test") == 1
    assert server.requests[-1].headers["Host"] == f"blog.test:{server.port}"


def test_refusal_message_does_not_reveal_the_resolved_address(settings):
    settings.SAFE_HTTP_ALLOW_LOOPBACK = False

    with pytest.raises(UnsafeURL) as refusal:
        fetch("http://localhost/")

    assert "127.0.0.1" not in str(refusal.value)
    assert str(refusal.value) == UnsafeURL.message
    assert "127.0.0.1" in refusal.value.reason  # for our logs


# Schemes and ports


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file.txt",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://example.com:70/_GET",
        "data:text/html,<p>hi</p>",
        "dict://example.com:11211/stats",
        "//example.com/no-scheme",
        "example.com/page",
        "",
        "http:///no-host",
        "http://[::1/unclosed",
        "http://example.com:99999/",
    ],
)
def test_other_schemes_and_malformed_urls_are_refused_before_any_lookup(url, network):
    with pytest.raises(UnsafeURL):
        fetch(url)

    assert network.lookups == []
    assert network.connections == []


@pytest.mark.parametrize("allow_loopback", [True, False])
@pytest.mark.parametrize(
    "url",
    [
        f"http://{PUBLIC_IP}:8080/",
        f"https://{PUBLIC_IP}:22/",
        f"http://{PUBLIC_IP}:6379/",
        f"http://[::ffff:{PUBLIC_IP}]:25/",
    ],
)
def test_ports_other_than_80_and_443_are_refused(
    url, allow_loopback, settings, network
):
    settings.SAFE_HTTP_ALLOW_LOOPBACK = allow_loopback

    with pytest.raises(UnsafeURL) as refusal:
        fetch(url)

    assert "port" in refusal.value.reason
    assert network.connections == []


# Redirects


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/admin",
        "http://0.0.0.0/",
        f"http://{PUBLIC_IP}:22/",
    ],
)
def test_redirect_to_a_refused_address_is_refused_on_the_hop(server, location, network):
    url = server.redirect("/moved", location)

    with pytest.raises(UnsafeURL):
        fetch(url)

    assert server.paths_requested() == ["/moved"]
    assert_only_loopback_contacted(network)


@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "ftp://example.com/",
        "gopher://example.com/",
        "javascript:alert(1)",
    ],
)
def test_redirect_to_another_scheme_is_refused(server, location, network):
    url = server.redirect("/moved", location, status=301)

    with pytest.raises(UnsafeURL):
        fetch(url)

    assert set(network.lookups) == {"127.0.0.1"}


def test_three_redirects_are_followed(server):
    server.html("/final", "<p>arrived</p>")
    url = server.redirect_chain(3)

    response = fetch(url)

    assert response.url == server.url("/final")
    assert response.text == "<p>arrived</p>"
    assert response.history == (
        server.url("/hop1"),
        server.url("/hop2"),
        server.url("/hop3"),
    )


def test_a_fourth_redirect_is_refused(server):
    server.html("/final", "<p>arrived</p>")
    url = server.redirect_chain(4)

    with pytest.raises(TooManyRedirects):
        fetch(url)

    assert server.paths_requested() == ["/hop1", "/hop2", "/hop3", "/hop4"]


def test_redirect_after_post_continues_with_get_on_303(server):
    server.html("/thanks", "<p>thanks</p>")
    url = server.redirect("/endpoint", "/thanks", status=303)

    fetch(url, method="POST", data=b"source=x", headers={"X-Test": "yes"})

    final = server.requests[-1]
    assert (final.method, final.path, final.body) == ("GET", "/thanks", b"")


def test_redirect_after_post_repeats_the_post_on_307(server):
    server.html("/new-endpoint", "<p>thanks</p>")
    url = server.redirect("/endpoint", "/new-endpoint", status=307)

    fetch(url, method="POST", data=b"source=x")

    final = server.requests[-1]
    assert (final.method, final.path, final.body) == (
        "POST",
        "/new-endpoint",
        b"source=x",
    )


def test_redirect_status_without_location_is_returned(server):
    url = server.route("/odd", status=302, body=b"<p>nowhere to go</p>")

    response = fetch(url)

    assert response.status == 302
    assert response.history == ()


# Size


@pytest.mark.parametrize("framing", ["content-length", "close", "chunked"])
def test_body_of_exactly_one_mib_is_accepted(server, framing):
    body = b"x" * MIB
    if framing == "content-length":
        url = server.route("/", body=body)
    else:
        url = server.route(
            "/", body=in_chunks(body, 64 * 1024), chunked=framing == "chunked"
        )

    assert len(fetch(url).content) == MIB


@pytest.mark.parametrize("framing", ["close", "chunked"])
def test_body_over_one_mib_without_length_is_cut_off(server, framing):
    url = server.route("/", body=endless(b"x" * 4096), chunked=framing == "chunked")

    with pytest.raises(TooLarge):
        fetch(url)


def test_body_over_one_mib_with_length_is_cut_off(server):
    url = server.route("/", body=b"x" * (MIB + 1))

    with pytest.raises(TooLarge):
        fetch(url)


def test_content_length_over_the_cap_is_refused_before_reading(server):
    # The body never comes: reading it would run into the deadline instead.
    url = server.route("/", body=endless(b"x"), pause=10, content_length=MIB + 1)

    started = time.monotonic()
    with pytest.raises(TooLarge):
        fetch(url)

    assert time.monotonic() - started < 0.5


def test_the_cap_counts_decompressed_bytes(server):
    bomb = gzip.compress(b"\0" * (2 * MIB))  # about 2 KB on the wire
    url = server.route(
        "/",
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        body=bomb,
    )

    with pytest.raises(TooLarge):
        fetch(url)


def test_size_cap_setting_lowers_the_cap(server, settings):
    settings.SAFE_HTTP_MAX_BYTES = 100
    url = server.html("/", "x" * 101)

    with pytest.raises(TooLarge):
        fetch(url)


# Time


def fetch_threads():
    return [t for t in threading.enumerate() if t.name == "safehttp-fetch"]


def assert_cut_at_the_deadline(url, deadline=1.0, *, worker_stops=True):
    started = time.monotonic()
    with pytest.raises(TooSlow):
        fetch(url)
    elapsed = time.monotonic() - started
    assert deadline - 0.05 <= elapsed < deadline + 0.5
    if worker_stops:  # the fetch itself gave up, not only its caller
        assert wait_until(lambda: not fetch_threads(), timeout=0.5)


def test_trickling_body_is_cut_at_the_deadline(server):
    # One byte every 50 ms never trips a per-read timeout.
    url = server.route("/", body=endless(b"x"), pause=0.05, content_length=MIB)

    assert_cut_at_the_deadline(url)


def test_body_that_stalls_late_is_cut_at_the_deadline(server):
    # Headers at 0.8 s, then a few bytes, then silence: each read may only wait
    # for the time left, not a full timeout.
    def stalling_body():
        yield b"<p>first words"
        server.stopping.wait(10)

    url = server.route("/", body=stalling_body, delay=0.8, content_length=100)

    assert_cut_at_the_deadline(url)


def test_trickling_headers_are_cut_at_the_deadline(server):
    # Headers are read inside http.client, out of our reach: the caller is released
    # at the deadline; the worker thread ends when the server stops.
    url = server.route("/", body=b"<p>hi</p>", header_pause=0.02)

    assert_cut_at_the_deadline(url, worker_stops=False)


def test_silent_server_is_cut_at_the_deadline(server):
    assert_cut_at_the_deadline(server.route("/", respond=False))


def test_deadline_covers_all_redirects_together(server):
    # Each hop takes 0.4 s, well within the deadline on its own.
    server.html("/final", "<p>arrived</p>")
    for number in (1, 2, 3):
        target = f"/hop{number + 1}" if number < 3 else "/final"
        server.route(
            f"/hop{number}", status=302, headers={"Location": target}, delay=0.4
        )

    assert_cut_at_the_deadline(server.url("/hop1"))


@pytest.mark.slow
def test_default_deadline_is_five_seconds(server, settings):
    del settings.SAFE_HTTP_TIMEOUT

    assert_cut_at_the_deadline(server.route("/", respond=False), deadline=5.0)


# Content types


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "image/png", "text/xml", ""]
)
def test_non_html_is_refused_by_default(server, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    url = server.route("/", headers=headers, body=b"{}")

    with pytest.raises(WrongContentType):
        fetch(url)


@pytest.mark.parametrize(
    "content_type", ["text/html", "Text/HTML; Charset=UTF-8", "application/xhtml+xml"]
)
def test_html_is_accepted(server, content_type):
    url = server.route("/", headers={"Content-Type": content_type}, body=b"<p>hi</p>")

    assert fetch(url).content == b"<p>hi</p>"


def test_other_types_are_accepted_when_allowed(server):
    xml = b"<?xml version='1.0'?><methodResponse/>"
    url = server.route("/xmlrpc", headers={"Content-Type": "text/xml"}, body=xml)

    assert fetch(url, allowed_content_types=XML_TYPES).content == xml
    assert fetch(url, allowed_content_types={"TEXT/XML"}).content == xml
    assert server.requests[0].headers["Accept"] == "application/xml, text/xml"


# Status


def test_gone_is_returned_not_raised(server):
    url = server.html("/deleted", "<p>gone</p>", status=410)

    response = fetch(url)

    assert response.status == 410
    assert not response.ok
    assert response.text == "<p>gone</p>"


def test_error_in_another_type_is_returned_without_its_body(server):
    url = server.route(
        "/missing", status=404, headers={"Content-Type": "text/plain"}, body=b"nope"
    )

    response = fetch(url)

    assert response.status == 404
    assert response.content == b""


# Failures


def test_connection_refused_is_a_fetch_failure():
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(FetchFailed) as failure:
        fetch(f"http://127.0.0.1:{port}/")

    assert str(failure.value) == FetchFailed.message


def test_body_cut_short_is_a_fetch_failure(server):
    url = server.route(
        "/",
        headers={"Content-Type": "text/html", "Connection": "close"},
        body=b"<p>half",
        content_length=100,
    )

    with pytest.raises(FetchFailed):
        fetch(url)


@pytest.mark.parametrize(
    "error",
    [UnsafeURL, TooManyRedirects, TooLarge, TooSlow, WrongContentType, FetchFailed],
)
def test_every_error_is_a_safe_http_error(error):
    assert issubclass(error, safehttp.SafeHTTPError)
