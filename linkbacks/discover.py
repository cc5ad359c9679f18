"""Where a page wants to be told that we link to it.

Webmention (W3C Recommendation, section 3.1.2), in this order:

1. an HTTP `Link` header with `rel="webmention"` (quoted or not, possibly
   among other rel values, in any case; several headers or several links
   in one header are read in order);
2. else the first `<link>` or `<a>` element with `rel` containing
   `webmention` and an `href`, in document order (HTML comments and escaped
   markup do not count).

The endpoint is resolved against the page's final URL, after redirects; an
empty href is the page itself; its query string is kept.

Pingback 1.0 is the fallback: the `X-Pingback` header, else the first
`<link rel="pingback" href="…">`.

Both read the response of one safe fetch of the target, which the caller
makes (see `send`).
"""

import re
from urllib.parse import urljoin

from website.safehttp import HTML_TYPES

from .documents import read

_LINK_VALUE = re.compile(r"<([^>]*)>([^<]*)")
_REL_PARAM = re.compile(
    r"""(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s";,]+))""", re.IGNORECASE
)


def links_in_header(value):
    """(URL as written, rel values in lower case) of each link of a `Link`
    header, in order."""
    for match in _LINK_VALUE.finditer(value or ""):
        rel = _REL_PARAM.search(match[2])
        rels = (rel[1] if rel and rel[1] is not None else rel[2] if rel else "") or ""
        yield match[1].strip(), frozenset(rels.lower().split())


def webmention_endpoint(response):
    """The absolute Webmention endpoint that `response` announces, or None."""
    for url, rels in links_in_header(response.headers.get("Link", "")):
        if "webmention" in rels:
            return urljoin(response.url, url)
    for _tag, rels, href in html_rel_links(response):
        if "webmention" in rels:
            return urljoin(response.url, href.strip())
    return None


def pingback_endpoint(response):
    """The absolute Pingback server that `response` announces, or None."""
    if header := response.headers.get("X-Pingback", "").strip():
        return urljoin(response.url, header)
    for tag, rels, href in html_rel_links(response):
        if tag == "link" and "pingback" in rels and href.strip():
            return urljoin(response.url, href.strip())
    return None


def html_rel_links(response):
    if response.content_type not in HTML_TYPES or not response.content:
        return []
    return read(response.text, response.url).rel_links
