"""Whole-page cache for anonymous readers, and the one place that purges it.

What is cached: the 200 answer to a GET from a reader without a session or
messages cookie (so never a signed-in member, never a page with a one-time
message), when the answer sets no cookie (a page that renders a CSRF token
sets one, so forms come as fragments: see `website.fragments`), its
`Cache-Control` says neither private, no-cache nor no-store, and it does
not vary with the browser's language (pages outside the language prefix). The key is the
host and the full path with its query string; the store is the `default`
cache (Redis in production, local memory otherwise) for PAGE_CACHE_SECONDS.
Responses carry `X-Cache: hit`, `miss`, `stale` or `bypass`.

Every response has a Content-Security-Policy nonce of its own, stored pages
too: a page is stored with the nonce it was rendered with (read from its
policy header) and each replay puts a fresh random nonce in its place, in
the header and in the markup. The stored nonce is 128 random bits drawn
while the page was rendered, from content written before it, so nothing
else on the page can contain it. The page is stored in pieces around it, so
a hit only joins them around the new one.

How purging stays exact and cheap: every path has a version (a small cache
entry, "0" when absent). A cached page records the version of its path
when it was rendered and is served only while that version is current, so
`purge(urls)` replaces the version of each URL's path: every host and every
query string of that path (`?page=2`, `?cpage=3`, `?q=…`) is invalid at once,
nothing else is touched. A version outlives every page stored under the
version before it, so an expired version never revives a stale page. A hit
costs one cache round trip (page and version read together). Just after a
purge, the first request renders the page again and, for those few
milliseconds, readers arriving at the same time get the purged version
(`X-Cache: stale`) instead of all rendering it at once.

Who purges:
- `purge(urls)`: these URLs (absolute or paths), here and in the CDN
  configured in WAGTAILFRONTENDCACHE (production settings), if any.
- `purge_page(page)`: a page in every language with its routes
  (`get_cached_paths()`), its ancestors (blog index, home), whatever its
  class lists in `related_cache_urls()` (archives, feeds), the sitemap and
  the search pages. Linkbacks and any other code that changes what a page
  shows call `purge_page_on_commit(page)`.
- Wagtail's publish, unpublish, move and delete, and saving or removing a
  view restriction (a page made private, with everything below it), purge
  through the signal handlers below; each app connects its own (comments,
  likes, ballots).
- `purge_all()`: every page of every site, when something every page
  shows changes (the network's identity: website/identity.py). One more
  small entry, read with the page and its path's version in the same round
  trip, versions the whole cache.
- What the clock changes (comments that close, elections and rounds that
  open and close) is purged by a periodic job: `website.date_changes`.
"""

import base64
import hashlib
import os
import re
import uuid
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_max_age, has_vary_header

# Cookies that make a page personal: Django's session (a signed-in member,
# or a reader with something in the session) and its messages.
BYPASS_COOKIES = ("messages",)
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/comments/", "/static/")
# How long other readers may get the purged version of a page while one
# request renders the new one (if that request dies, the lock expires).
RENDER_LOCK_SECONDS = 10
# Headers not replayed from the cache (set per request elsewhere).
UNSTORED_HEADERS = {"x-cache", "set-cookie", "date"}
POLICY_NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=_-]+)'")


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def store():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _digest(text):
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


# The version of the whole cache: a page is current only while both its
# path's version and this one are what they were when it was stored.
ALL_VERSION_KEY = "pagecache:v:all"


def version_key(path):
    return f"pagecache:v:{_digest(path)}"


def page_key(host, full_path):
    return f"pagecache:p:{_digest(host + full_path)}"


def path_of(url):
    return urlsplit(url).path or "/"


# -- The middleware -----------------------------------------------------------


def is_cacheable_request(request):
    if cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    return not any(name in cookies for name in BYPASS_COOKIES)


def is_cacheable_response(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if get_max_age(response) == 0:
        return False
    # Outside the language prefixes a page may follow the browser's
    # language, which is not part of the key.
    if has_vary_header(response, "Accept-Language"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """Serve and store anonymous pages. Sits before the session, locale,
    CSRF and authentication middleware, so that a hit skips all of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            response["X-Cache"] = "bypass"
            return response
        host = request.get_host()
        full_path = request.get_full_path()
        vkey, pkey = version_key(request.path), page_key(host, full_path)
        found = store().get_many([ALL_VERSION_KEY, vkey, pkey])
        version = f"{found.get(ALL_VERSION_KEY, '0')}:{found.get(vkey, '0')}"
        entry = found.get(pkey)
        lock = None
        if entry is not None:
            if entry["version"] == version:
                return self.replay(entry)
            # Purged: one request renders the page again while the others
            # get the previous version, rather than all rendering it at
            # once (a busy post purged by every new comment).
            lock = f"{pkey}:rendering"
            if not store().add(lock, 1, RENDER_LOCK_SECONDS):
                return self.replay(entry, "stale")
        try:
            response = self.get_response(request)
            if is_cacheable_response(request, response):
                store().set(pkey, self.record(response, version), cache_seconds())
                response["X-Cache"] = "miss"
            else:
                response["X-Cache"] = "bypass"
        finally:
            if lock is not None:
                store().delete(lock)
        return response

    @staticmethod
    def record(response, version):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        content = response.content
        found = POLICY_NONCE.search(response.get("Content-Security-Policy", ""))
        nonce = found.group(1) if found else None
        if nonce:
            # The page in pieces around its nonce, joined again around a
            # fresh one on every replay (no search on the hit path).
            content = content.split(nonce.encode())
        return {
            "version": version,
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "nonce": nonce,
        }

    @staticmethod
    def replay(entry, state="hit"):
        content, headers = entry["content"], entry["headers"]
        stored = entry.get("nonce")
        if stored:
            nonce = new_nonce()
            content = nonce.encode().join(content)
            headers = [(name, value.replace(stored, nonce)) for name, value in headers]
        response = HttpResponse(content, status=entry["status"])
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = state
        return response


def new_nonce():
    """A nonce as django-csp makes them: 16 random bytes, base64."""
    return base64.b64encode(os.urandom(16)).decode("ascii")


# -- Purging ------------------------------------------------------------------


def purge(urls):
    """Drop these URLs (absolute, or paths) from the page cache, with every
    query string, for every host; and from the CDN if one is configured."""
    urls = [url for url in dict.fromkeys(urls) if url]
    if not urls:
        return
    token = uuid.uuid4().hex
    # Twice the page lifetime: longer than any page stored under the old
    # version can live (see the module docstring).
    lifetime = max(cache_seconds(), 60) * 2
    store().set_many({version_key(path_of(url)): token for url in urls}, lifetime)
    purge_frontend_cache(urls)


def purge_all():
    """Drop every page of every site from the page cache, and every live
    page's URLs from the CDN if one is configured."""
    lifetime = max(cache_seconds(), 60) * 2
    store().set(ALL_VERSION_KEY, uuid.uuid4().hex, lifetime)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.models import Page

        urls = []
        for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
            urls += page_urls(page)
        purge_frontend_cache(urls + site_wide_urls())


def purge_frontend_cache(urls):
    """Hand the URLs to Wagtail's frontend-cache backends (a CDN), if any."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    absolute = [url for url in urls if urlsplit(url).scheme]
    relative = [url for url in urls if not urlsplit(url).scheme]
    if relative:
        for site in Site.objects.all():
            absolute += [urljoin(site.root_url, url) for url in relative]
    purge_urls_from_cache(absolute)


def site_wide_urls():
    """Pages that list every page: the sitemap (its index and the pages of
    its sections: a purge covers every `?p=`) and the search pages."""
    from .sitemap import SITEMAPS

    urls = [reverse("sitemap")]
    urls += [
        reverse("sitemap_section", kwargs={"section": section}) for section in SITEMAPS
    ]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("search"))
    return urls


def page_urls(page):
    """A page's own URL and routes (`get_cached_paths()`), or nothing if it
    has no URL (the root, a page outside every site)."""
    url = page.get_url()
    if url is None:
        return []
    paths = page.specific_deferred.get_cached_paths()
    return [url + path.lstrip("/") for path in paths]


def urls_for_page(page, *, related=True):
    """Every URL that shows `page`: see the module docstring. With
    `related=False`, only the page's own URLs in this language (a like
    changes the post, not the listings)."""
    if not related:
        return page_urls(page)
    urls = []
    translations = [page, *page.get_translations().specific()]
    for version in translations:
        urls += page_urls(version)
        for ancestor in version.get_ancestors().filter(depth__gt=1).specific():
            urls += page_urls(ancestor)
        extra = getattr(version.specific, "related_cache_urls", None)
        if extra is not None:
            urls += extra()
    return urls + site_wide_urls()


def purge_page(page, *, related=True):
    purge(urls_for_page(page, related=related))


def purge_on_commit(urls):
    """Purge once the current transaction commits (at once outside one):
    purging before the commit would let a reader cache the old page again."""
    urls = list(urls)
    transaction.on_commit(lambda: purge(urls))


def purge_page_on_commit(page, *, related=True):
    """The function to call when something changes what `page` shows (a
    comment, a linkback, a like): its URLs are worked out now, purged after
    the commit."""
    purge_on_commit(urls_for_page(page, related=related))


# -- Wagtail's page signals (connected in website.signals) ---------------------


def page_changed(sender, instance, **kwargs):
    """Published or unpublished."""
    purge_page_on_commit(instance)


def page_moving(sender, instance, **kwargs):
    """Before a move: the old URLs of the page and everything below it."""
    urls = []
    for page in instance.get_descendants(inclusive=True).specific():
        urls += urls_for_page(page)
    purge_on_commit(urls)


def page_moved(sender, instance, **kwargs):
    purge_page_on_commit(instance)


def page_deleting(sender, instance, **kwargs):
    if instance.depth > 1:
        purge_page_on_commit(instance)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A view restriction saved or removed (an editor's Privacy setting):
    the page and every page below it change who may read them, and the
    pages that list them change what they show. Private pages are never
    stored, so the copies to drop are the public ones stored before."""
    from wagtail.models import Page

    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # a deleted page was purged when it went
        return
    urls = urls_for_page(page)
    for below in page.get_descendants().specific():
        urls += page_urls(below)
        extra = getattr(below, "related_cache_urls", None)
        if extra is not None:
            urls += extra()
    purge_on_commit(urls)
