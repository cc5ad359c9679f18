"""Wagtail contract of website/sites.py: the Site a request is served from
and the Locale of the language shown, taken from the cache, are always the
ones Wagtail's own lookups choose (`get_site_for_hostname`,
`Site.find_for_request`, `Locale.get_active`), and Wagtail reads the Site
from where `CachedSiteMiddleware` leaves it (`request._wagtail_site`).
"""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import get_site_for_hostname

from website.sites import CachedSiteMiddleware, find_locale, find_site, site_for_request

pytestmark = pytest.mark.django_db

# (hostname, port, is the default site)
SITE_SETS = {
    "one default": [("localhost", 80, True)],
    "default and another host": [("localhost", 80, True), ("example.org", 80, False)],
    "one host on two ports, default on one": [
        ("example.org", 80, True),
        ("example.org", 8080, False),
    ],
    "one host on two ports, no default": [
        ("a.org", 80, False),
        ("a.org", 8080, False),
    ],
    "a single site, not default": [("a.org", 80, False)],
    "default elsewhere, one host on another port": [
        ("default.org", 80, True),
        ("a.org", 8080, False),
    ],
    "default elsewhere, one host on two other ports": [
        ("default.org", 80, True),
        ("a.org", 8080, False),
        ("a.org", 9000, False),
    ],
}

REQUESTS = [
    ("localhost", 80),
    ("example.org", 80),
    ("example.org", 8080),
    ("example.org", 443),
    ("a.org", 80),
    ("a.org", 8080),
    ("a.org", 1234),
    ("default.org", 8080),
    ("other.net", 80),
]


def wagtail_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("name", SITE_SETS)
def test_the_cached_sites_give_the_site_wagtail_would(name):
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for hostname, port, is_default in SITE_SETS[name]:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )
    for hostname, port in REQUESTS:
        ours, wagtails = find_site(hostname, port), wagtail_choice(hostname, port)
        assert (ours and ours.pk) == (wagtails and wagtails.pk), (hostname, port)


def make_sites(name):
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for hostname, port, is_default in SITE_SETS[name]:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )


@pytest.mark.parametrize("name", SITE_SETS)
def test_a_request_gets_the_site_wagtail_would_give_it(name, settings):
    """The whole lookup from a request: the Host header, with or without
    a port, and the scheme's default port."""
    settings.ALLOWED_HOSTS = ["*"]
    make_sites(name)
    for hostname, port in REQUESTS:
        for secure in (False, True):
            host = hostname if port == (443 if secure else 80) else f"{hostname}:{port}"
            request = RequestFactory().get("/", HTTP_HOST=host, secure=secure)
            ours = site_for_request(request)
            wagtails = Site._find_for_request(
                RequestFactory().get("/", HTTP_HOST=host, secure=secure)
            )
            assert (ours and ours.pk) == (wagtails and wagtails.pk), host


def test_wagtail_reads_the_site_the_middleware_leaves_on_the_request(home):
    """`CachedSiteMiddleware` stores the Site in `request._wagtail_site`;
    Wagtail's `Site.find_for_request` (used by its serve view, menus, URL
    building and settings) must read it from there, with no query."""
    other = Site.objects.create(hostname="other.example.org", root_page=home)
    request = RequestFactory().get("/")
    request._wagtail_site = other
    with CaptureQueriesContext(connection) as captured:
        assert Site.find_for_request(request) is other
    assert len(captured) == 0
    # The middleware puts Wagtail's own choice there.
    seen = {}
    middleware = CachedSiteMiddleware(
        lambda request: seen.setdefault("site", Site.find_for_request(request))
    )
    middleware(RequestFactory().get("/", HTTP_HOST="other.example.org"))
    assert seen["site"].pk == other.pk
    # And Wagtail caches its own answer under the same name.
    fresh = RequestFactory().get("/")
    Site.find_for_request(fresh)
    assert fresh._wagtail_site.is_default_site


@pytest.mark.parametrize("code", ["en", "es", "fr", "ar", "es-mx", "de"])
def test_the_cached_locales_give_the_locale_wagtail_would(locales, code):
    with translation.override(code):
        assert find_locale(translation.get_language()) == Locale.get_active()
