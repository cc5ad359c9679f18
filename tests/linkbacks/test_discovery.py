"""Webmention endpoint discovery (the cases of the W3C Recommendation, as
webmention.rocks tests them) and the Pingback fallback, on pages served
by a local server and fetched through the safe client."""

import pytest

from linkbacks import discover
from website import safehttp

HTML = "text/html; charset=utf-8"


def page(body, *, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def endpoint_of(server, path, **route):
    url = server.route(path, **route)
    return discover.webmention_endpoint(
        safehttp.fetch(url, allowed_content_types=safehttp.ANY_TYPE)
    )


@pytest.mark.parametrize(
    ("link_header", "expected"),
    [
        ("<http://127.0.0.1:PORT/wm/1>; rel=webmention", "/wm/1"),  # absolute
        ("</wm/2>; rel=webmention", "/wm/2"),  # relative
        ('</wm/3>; rel="webmention"', "/wm/3"),  # quoted
        ('</wm/4>; rel="webmention somethingelse"', "/wm/4"),  # several values
        ('</wm/5>; rel="somethingelse webmention"', "/wm/5"),
        ("</wm/6>; REL=WebMention", "/wm/6"),  # another case
        ('</wm/7?query=yes&b=2>; rel="webmention"', "/wm/7?query=yes&b=2"),
        ('</no>; rel="not-webmention", </wm/8>; rel="webmention"', "/wm/8"),
        ('</other>; rel="other", </wm/9>; rel=webmention', "/wm/9"),  # one header
    ],
)
def test_the_link_header_names_the_endpoint(other_site, link_header, expected):
    headers = {
        "Content-Type": HTML,
        "Link": link_header.replace("PORT", str(other_site.port)),
    }
    body = page('<link rel="webmention" href="/from-html">').encode()

    found = endpoint_of(other_site, "/post", headers=headers, body=body)

    assert found == other_site.url(expected)


def test_several_link_headers_are_read_in_order(other_site):
    headers = {
        "Content-Type": HTML,
        "Link": '</first>; rel="other"',
        "link": '</wm/second>; rel="webmention"',  # a second Link line
    }
    assert endpoint_of(other_site, "/post", headers=headers) == other_site.url(
        "/wm/second"
    )


def test_a_link_header_to_another_host_wins_over_html(other_site):
    headers = {
        "Content-Type": HTML,
        "Link": '<https://webmention.example/endpoint>; rel="webmention"',
    }
    body = page('<link rel="webmention" href="/from-html">').encode()
    assert (
        endpoint_of(other_site, "/post", headers=headers, body=body)
        == "https://webmention.example/endpoint"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<link rel="webmention" href="/wm/link-relative">', "/wm/link-relative"),
        (
            '<link rel="webmention" href="http://127.0.0.1:PORT/wm/link-absolute">',
            "/wm/link-absolute",
        ),
        ('<a rel="webmention" href="/wm/a-relative">endpoint</a>', "/wm/a-relative"),
        (
            '<a href="http://127.0.0.1:PORT/wm/a-absolute" rel="webmention">e</a>',
            "/wm/a-absolute",
        ),
        ('<link rel="WebMention" href="/wm/case">', "/wm/case"),
        ('<link rel="webmention somethingelse" href="/wm/values">', "/wm/values"),
        ("<link rel=webmention href=/wm/unquoted>", "/wm/unquoted"),
        ('<link rel="webmention" href="/wm/q?query=yes">', "/wm/q?query=yes"),
        ('<link rel="webmention" href="wm/path-relative">', "/posts/wm/path-relative"),
        ('<link rel="webmention" href="">', "/posts/post"),  # the page itself
        # Document order: the first of <a> and <link>, whichever it is.
        (
            '<a rel="webmention" href="/wm/a-first">a</a>'
            '<link rel="webmention" href="/wm/link-second">',
            "/wm/a-first",
        ),
        (
            '<link rel="webmention" href="/wm/link-first">'
            '<a rel="webmention" href="/wm/a-second">a</a>',
            "/wm/link-first",
        ),
        # What does not count: comments, escaped markup, other rels, no href.
        (
            '<!-- <link rel="webmention" href="/wm/commented"> -->'
            '<link rel="webmention" href="/wm/real">',
            "/wm/real",
        ),
        (
            "<code>&lt;a rel=&quot;webmention&quot; href=&quot;/wm/escaped&quot;"
            '&gt;</code><a rel="webmention" href="/wm/real">x</a>',
            "/wm/real",
        ),
        (
            '<link rel="not-webmention" href="/wm/wrong">'
            '<link rel="webmention" href="/wm/right">',
            "/wm/right",
        ),
        (
            '<link rel="webmention"><link rel="webmention" href="/wm/with-href">',
            "/wm/with-href",
        ),
    ],
)
def test_html_names_the_endpoint(other_site, html, expected):
    body = page(html.replace("PORT", str(other_site.port))).encode()
    assert endpoint_of(other_site, "/posts/post", body=body) == other_site.url(expected)


def test_relative_endpoints_resolve_against_the_url_after_redirects(other_site):
    other_site.redirect("/old/post", "/new/deeper/post", status=301)
    other_site.route(
        "/new/deeper/post",
        headers={"Content-Type": HTML, "Link": '<endpoint>; rel="webmention"'},
    )
    response = safehttp.fetch(
        other_site.url("/old/post"), allowed_content_types=safehttp.ANY_TYPE
    )
    assert discover.webmention_endpoint(response) == other_site.url(
        "/new/deeper/endpoint"
    )


def test_a_page_without_an_endpoint_has_none(other_site):
    body = page('<a href="/webmention">not announced</a>').encode()
    assert endpoint_of(other_site, "/post", body=body) is None


def test_pingback_is_found_in_the_header_then_in_html(other_site):
    by_header = other_site.route(
        "/h", headers={"Content-Type": HTML, "X-Pingback": "/xmlrpc.php"}
    )
    by_html = other_site.html(
        "/l",
        page("", head='<link rel="pingback" href="https://blog.example/xmlrpc.php">'),
    )

    found = [
        discover.pingback_endpoint(
            safehttp.fetch(url, allowed_content_types=safehttp.ANY_TYPE)
        )
        for url in (by_header, by_html)
    ]

    assert found == [other_site.url("/xmlrpc.php"), "https://blog.example/xmlrpc.php"]
