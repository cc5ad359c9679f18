"""Every response carries a Content-Security-Policy nonce of its own, also
when the page comes from the page cache: a stored page is replayed with a
fresh nonce in its header and in its markup, so readers never share one
(a nonce an attacker can learn from one response must be useless in the
next)."""

import re

import pytest
from django.test import Client

from tests import page_cache_helpers
from website import pagecache

page_cache = page_cache_helpers.page_cache

HEADER_NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")
MARKUP_NONCE = re.compile(r'<script type="application/ld\+json" nonce="([^"]+)">')

pytestmark = pytest.mark.django_db


def nonces(response):
    """(nonce of the header, nonces in the markup)."""
    header = HEADER_NONCE.search(response["Content-Security-Policy"]).group(1)
    return header, set(MARKUP_NONCE.findall(response.content.decode()))


def test_each_cached_copy_of_a_page_gets_its_own_nonce(translations, page_cache):
    url = translations["en"].url
    responses = [Client().get(url) for _ in range(4)]
    assert [r["X-Cache"] for r in responses] == ["miss", "hit", "hit", "hit"]
    seen = set()
    for response in responses:
        header, markup = nonces(response)
        assert markup == {header}  # the page's script carries its header's nonce
        seen.add(header)
    assert len(seen) == len(responses)
    # Apart from the nonce, the stored page is replayed as it was rendered.
    first, second = (r.content.decode() for r in responses[:2])
    assert first.replace(nonces(responses[0])[0], "") == second.replace(
        nonces(responses[1])[0], ""
    )


def test_a_stale_copy_gets_a_fresh_nonce_too(translations, page_cache):
    url = translations["en"].url
    client = Client()
    rendered = client.get(url)
    pagecache.purge([url])
    lock = pagecache.page_key("testserver", url) + ":rendering"
    pagecache.store().add(lock, 1, 10)  # another request is rendering it
    stale = client.get(url)
    assert stale["X-Cache"] == "stale"
    header, markup = nonces(stale)
    assert markup == {header}
    assert header != nonces(rendered)[0]
